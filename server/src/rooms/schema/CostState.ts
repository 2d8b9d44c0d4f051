import { Schema, type } from '@colyseus/schema';

export class CostState extends Schema {
  @type('float64') metal = 0;
  @type('float64') crystal = 0;
  @type('float64') fuel = 0;
}
