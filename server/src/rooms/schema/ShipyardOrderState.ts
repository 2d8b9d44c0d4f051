import { Schema, type } from '@colyseus/schema';
import { CostState } from './CostState';

/** An order in the shipyard queue; only the first is in production (`nextAt` > 0). */
export class ShipyardOrderState extends Schema {
  /** stable id: what `shipyard:cancel` names */
  @type('uint32') id = 0;
  @type('string') ship = '';
  @type('uint32') remaining = 0;
  @type('float64') unitMs = 0;
  @type(CostState) unitCost = new CostState();
  @type('float64') nextAt = 0;
}
