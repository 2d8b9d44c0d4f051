import { ArraySchema, MapSchema, Schema, type } from '@colyseus/schema';
import { DefenseState } from './DefenseState';
import { FleetState } from './FleetState';
import { ShipyardOrderState } from './ShipyardOrderState';
import { StockState } from './StockState';
import { UpgradeJobState } from './UpgradeJobState';

/**
 * The town room's state: the shared `Town` rules state plus who owns it. Fields only; it is written from
 * the plain `Town` by `writeTownState` and nowhere else.
 */
export class TownState extends Schema {
  @type('string') townId = '';
  @type('string') name = '';
  @type('string') ownerId = '';
  @type('string') ownerName = '';
  @type('float64') foundedAt = 0;
  @type('float64') speed = 1;
  /** the moment the stocks' amounts refer to */
  @type('float64') since = 0;
  @type({ map: StockState }) stocks = new MapSchema<StockState>();
  @type({ map: 'uint8' }) buildings = new MapSchema<number>();
  /** absent while nothing is being built */
  @type(UpgradeJobState) upgrade?: UpgradeJobState;
  @type('uint32') energySupply = 0;
  @type('uint32') energyUse = 0;
  /** docked ships by type */
  @type({ map: 'uint32' }) ships = new MapSchema<number>();
  @type([ShipyardOrderState]) shipyard = new ArraySchema<ShipyardOrderState>();
  /** missions of the current board this town has flown */
  @type(['string']) missionsTaken = new ArraySchema<string>();
  /** fleets away from home, by fleet id */
  @type({ map: FleetState }) fleets = new MapSchema<FleetState>();
  /** raids on this starbase being fought now, by battle id */
  @type({ map: DefenseState }) defenses = new MapSchema<DefenseState>();
}
