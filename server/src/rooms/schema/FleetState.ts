import { MapSchema, Schema, type } from '@colyseus/schema';
import { CostState } from './CostState';

/** A fleet away from the starbase (what the owner and visitors see of it). */
export class FleetState extends Schema {
  @type('string') id = '';
  /** patrol, salvage, expedition or raid */
  @type('string') kind = '';
  /** board mission id, or the raided town's id */
  @type('string') target = '';
  @type('string') title = '';
  @type('float64') distance = 0;
  /** outbound, fighting or returning */
  @type('string') status = '';
  @type({ map: 'uint32' }) ships = new MapSchema<number>();
  @type(CostState) cargo = new CostState();
  @type('float64') departAt = 0;
  @type('float64') arriveAt = 0;
  /** 0 until it turns home */
  @type('float64') returnAt = 0;
  /** set while fighting and after: the battle to watch or replay */
  @type('string') battleId = '';
}
