import { ArraySchema, MapSchema, type } from '@colyseus/schema';
import { DefenseState } from './DefenseState';
import { FleetState } from './FleetState';
import { PublicTownState } from './PublicTownState';
import { ShipyardOrderState } from './ShipyardOrderState';
import { UpgradeJobState } from './UpgradeJobState';

/**
 * A live town's state, as its owner sees it: the public starbase (`PublicTownState`) and what the starbase
 * has in store, docked, in the shipyard, under construction and away. Fields only; it is written from the
 * plain `Town` by `writeTownState` and nowhere else.
 *
 * Only the owner's clients get this state. Visitors get a `PublicTownState` of its own, written alongside
 * (`TownSerializer`), rather than a `@view()` of this one: a view would make every change of every town pay
 * for filtered change tracking and a per-client encode, for visitors that most towns never have.
 *
 * Stocks, building levels and docked ships are flat number fields (names from `STOCK_FIELDS`, `LEVEL_FIELDS`
 * and the ship ids, in shared/src/town/townStateFields.ts) rather than maps of small schema objects: each schema
 * object costs every live town its change tracking, and thousands of towns live in one process. An idle
 * town is 2 schema objects (this and its shipyard queue), where it was 12.
 */
export class TownState extends PublicTownState {
  // stocks: amount at `since`, rate per hour (game speed and energy applied), storage cap
  @type('float64') metalAmount = 0;
  @type('float64') metalRate = 0;
  @type('float64') metalCap = 0;
  @type('float64') crystalAmount = 0;
  @type('float64') crystalRate = 0;
  @type('float64') crystalCap = 0;
  @type('float64') fuelAmount = 0;
  @type('float64') fuelRate = 0;
  @type('float64') fuelCap = 0;

  /** absent while nothing is being built */
  @type(UpgradeJobState) upgrade?: UpgradeJobState;

  // docked ships by type
  @type('uint32') scout = 0;
  @type('uint32') fighter = 0;
  @type('uint32') frigate = 0;
  @type('uint32') cruiser = 0;
  @type('uint32') hauler = 0;

  @type([ShipyardOrderState]) shipyard = new ArraySchema<ShipyardOrderState>();
  // the lists below are absent while empty (most of the time): an empty list costs a room as much as a full one
  /** missions of the current board this town has flown */
  @type(['string']) missionsTaken?: ArraySchema<string>;
  /** fleets away from home, by fleet id */
  @type({ map: FleetState }) fleets?: MapSchema<FleetState>;
  /** raids on this starbase being fought now, by battle id */
  @type({ map: DefenseState }) defenses?: MapSchema<DefenseState>;

  /**
   * Not sent (no `@type`): shipyard entries that left the queue, for later orders to reuse (`writeTownState`),
   * so that ordering ships creates no schema object. A town's queue empties and fills all day, and each new
   * entry with its change tracking lived until its order left, long enough to die in the old generation.
   */
  readonly spareShipyardOrders: ShipyardOrderState[] = [];
}
