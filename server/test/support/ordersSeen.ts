import { queuedOrders } from '@starscape/shared';
import type { ShipyardOrderState } from '../../src/rooms/schema/ShipyardOrderState';

/** The shipyard orders a client's town state shows: the queue's entries but the empty slot (`queuedOrders`). */
export function ordersSeen(state: { shipyard?: Iterable<ShipyardOrderState> }): ShipyardOrderState[] {
  return queuedOrders(state.shipyard ?? []);
}
