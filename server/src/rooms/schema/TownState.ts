import { ArraySchema, MapSchema, Schema, type, view } from '@colyseus/schema';
import { DefenseState } from './DefenseState';
import { FleetState } from './FleetState';
import { ShipyardOrderState } from './ShipyardOrderState';
import { UpgradeJobState } from './UpgradeJobState';

/**
 * The town room's state: the shared `Town` rules state plus who owns it. Fields only; it is written from
 * the plain `Town` by `writeTownState` and nowhere else.
 *
 * Stocks, building levels and docked ships are flat number fields (names from `STOCK_FIELDS`, `LEVEL_FIELDS`
 * and the ship ids, in shared/src/town/townStateFields.ts) rather than maps of small schema objects: each schema
 * object costs every live town room its change tracking, and thousands of rooms live in one process. An idle
 * town is 2 schema objects (this and its shipyard queue), where it was 12.
 *
 * Fields marked `@view()` are the owner's only (`TownOwnerView`): what the starbase has in store, docked, in the
 * shipyard, under construction and away. A visitor sees the public starbase: its name, commander, founding,
 * building levels and energy, the same facts the galaxy shows.
 */
export class TownState extends Schema {
  @type('string') townId = '';
  @type('string') name = '';
  @type('string') ownerId = '';
  @type('string') ownerName = '';
  @type('float64') foundedAt = 0;
  @type('float64') speed = 1;
  /** the moment the stocks' amounts refer to; clients compute the live value from (amount, rate, since, cap) */
  @type('float64') since = 0;

  // stocks: amount at `since`, rate per hour (game speed and energy applied), storage cap
  @view() @type('float64') metalAmount = 0;
  @view() @type('float64') metalRate = 0;
  @view() @type('float64') metalCap = 0;
  @view() @type('float64') crystalAmount = 0;
  @view() @type('float64') crystalRate = 0;
  @view() @type('float64') crystalCap = 0;
  @view() @type('float64') fuelAmount = 0;
  @view() @type('float64') fuelRate = 0;
  @view() @type('float64') fuelCap = 0;

  // building levels (0: not built)
  @type('uint8') metalMineLevel = 0;
  @type('uint8') crystalMineLevel = 0;
  @type('uint8') fuelRefineryLevel = 0;
  @type('uint8') solarPlantLevel = 0;
  @type('uint8') storageLevel = 0;
  @type('uint8') commandCenterLevel = 0;
  @type('uint8') shipyardLevel = 0;
  @type('uint8') defenseGridLevel = 0;

  /** absent while nothing is being built */
  @view() @type(UpgradeJobState) upgrade?: UpgradeJobState;
  @type('uint32') energySupply = 0;
  @type('uint32') energyUse = 0;

  // docked ships by type
  @view() @type('uint32') scout = 0;
  @view() @type('uint32') fighter = 0;
  @view() @type('uint32') frigate = 0;
  @view() @type('uint32') cruiser = 0;
  @view() @type('uint32') hauler = 0;

  @view() @type([ShipyardOrderState]) shipyard = new ArraySchema<ShipyardOrderState>();
  // the lists below are absent while empty (most of the time): an empty list costs a room as much as a full one
  /** missions of the current board this town has flown */
  @view() @type(['string']) missionsTaken?: ArraySchema<string>;
  /** fleets away from home, by fleet id */
  @view() @type({ map: FleetState }) fleets?: MapSchema<FleetState>;
  /** raids on this starbase being fought now, by battle id */
  @view() @type({ map: DefenseState }) defenses?: MapSchema<DefenseState>;

  /**
   * Not sent (no `@type`): shipyard entries that left the queue, for later orders to reuse (`writeTownState`),
   * so that ordering ships creates no schema object. A town's queue empties and fills all day, and each new
   * entry with its change tracking lived until its order left, long enough to die in the old generation.
   */
  readonly spareShipyardOrders: ShipyardOrderState[] = [];
}
