import { RESOURCES, type Cost, type ShipyardOrder } from '@starscape/shared';

/** An order of the queue with when it starts and when its last ship is done (server ms). */
export interface ScheduledOrder {
  order: ShipyardOrder;
  /** position in the queue */
  index: number;
  /** the head order: its next ship is being built now */
  inProduction: boolean;
  /** when its first (head: current) ship started */
  startsAt: number;
  /** when its last ship is done */
  doneAt: number;
}

/**
 * When each order of the queue runs: the head's next ship is done at `nextAt` and the rest of it follow one
 * `unitMs` apart; each waiting order starts when the one before it is done (exactly how the rules advance).
 * Pass the queue already advanced to `now` (`advanceShipyard`), so a finished head is not counted.
 */
export function queueSchedule(queue: readonly ShipyardOrder[], now: number): ScheduledOrder[] {
  const out: ScheduledOrder[] = [];
  let cursor = now;
  queue.forEach((order, index) => {
    if (index === 0) {
      // nextAt is only 0 for waiting orders; a head without one would start now
      const nextAt = order.nextAt > 0 ? order.nextAt : now + order.unitMs;
      const doneAt = nextAt + (order.remaining - 1) * order.unitMs;
      out.push({ order, index, inProduction: true, startsAt: nextAt - order.unitMs, doneAt });
      cursor = doneAt;
      return;
    }
    const doneAt = cursor + order.remaining * order.unitMs;
    out.push({ order, index, inProduction: false, startsAt: cursor, doneAt });
    cursor = doneAt;
  });
  return out;
}

/** Time until the whole queue is built (0 when empty). */
export function queueTimeLeft(queue: readonly ShipyardOrder[], now: number): number {
  const last = queueSchedule(queue, now).at(-1);
  return last ? Math.max(0, last.doneAt - now) : 0;
}

/** How far the head order's next ship is, 0..1. */
export function nextShipProgress(order: ShipyardOrder, now: number): number {
  if (order.unitMs <= 0 || order.nextAt <= 0) return 0;
  return Math.min(1, Math.max(0, 1 - (order.nextAt - now) / order.unitMs));
}

/** Ships in the queue, all orders together. */
export function shipsInQueue(queue: readonly ShipyardOrder[]): number {
  return queue.reduce((sum, order) => sum + order.remaining, 0);
}

/** What cancelling the order gives back: every ship not built yet, at the price paid. */
export function refundOf(order: ShipyardOrder): Cost {
  const refund = {} as Cost;
  for (const r of RESOURCES) refund[r] = order.unitCost[r] * order.remaining;
  return refund;
}

/** Orders this big ask "are you sure?" before a cancel (a misclick would throw away a long build). */
export const CONFIRM_CANCEL_SHIPS = 5;
export const CONFIRM_CANCEL_RESOURCES = 20_000;

export function needsCancelConfirm(order: ShipyardOrder): boolean {
  const refund = refundOf(order);
  return order.remaining >= CONFIRM_CANCEL_SHIPS || RESOURCES.reduce((sum, r) => sum + refund[r], 0) >= CONFIRM_CANCEL_RESOURCES;
}
