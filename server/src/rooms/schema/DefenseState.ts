import { Schema, type } from '@colyseus/schema';

/** A raid on the starbase whose battle is being fought now: the owner is told, with a link to watch it. */
export class DefenseState extends Schema {
  @type('string') battleId = '';
  @type('string') attackerName = '';
  @type('float64') startedAt = 0;
}
