import { Schema, type } from '@colyseus/schema';

/** A lazily produced resource: clients compute the live value from (amount, rate, town.since, cap). */
export class StockState extends Schema {
  @type('float64') amount = 0;
  /** per hour, game speed and energy applied */
  @type('float64') rate = 0;
  @type('float64') cap = 0;
}
