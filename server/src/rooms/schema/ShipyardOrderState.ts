import { Schema, type } from '@colyseus/schema';

/** An order in the shipyard queue; only the first is in production (`nextAt` > 0). Cost per ship as flat fields. */
export class ShipyardOrderState extends Schema {
  /** stable id: what `shipyard:cancel` names */
  @type('uint32') id = 0;
  @type('string') ship = '';
  @type('uint32') remaining = 0;
  @type('float64') unitMs = 0;
  @type('float64') unitMetal = 0;
  @type('float64') unitCrystal = 0;
  @type('float64') unitFuel = 0;
  @type('float64') nextAt = 0;
}
