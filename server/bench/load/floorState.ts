/** The floor server's room state (floorServer.ts), also what its simulated players decode it with (townPlayers.ts). */
import { ArraySchema, Schema, type } from '@colyseus/schema';

export class FloorOrder extends Schema {
  @type('uint32') id = 0;
  @type('string') ship = '';
  @type('uint32') remaining = 0;
}

export class FloorTown extends Schema {
  @type('float64') since = 0;
  @type('uint32') scout = 0;
  @type([FloorOrder]) shipyard = new ArraySchema<FloorOrder>();
}
