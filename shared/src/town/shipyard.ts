import { RESOURCES, type Cost } from '../content/resources';
import { SHIP_INFO, type ShipId } from '../content/ships';
import { fail, ok, type ErrorCode, type Result } from '../errors';
import { advance } from './advance';
import { buildDuration } from './economy';
import { amountAt, rebase } from './production';
import type { ShipyardOrder, Town } from './Town';

/** Orders the shipyard queue holds at most. */
export const SHIPYARD_QUEUE_LIMIT = 10;
/** Ships one order may ask for. */
export const MAX_SHIPS_PER_ORDER = 1000;

const NOT_ENOUGH = {
  metal: 'shipyard/not-enough-metal',
  crystal: 'shipyard/not-enough-crystal',
  fuel: 'shipyard/not-enough-fuel',
} as const satisfies Record<keyof Cost, ErrorCode>;

/** Build time of one ship in ms: the building formula with the shipyard level in place of the command center. */
export function shipBuildDuration(town: Town, ship: ShipId): number {
  return buildDuration(SHIP_INFO[ship].cost, town.buildings.shipyard, town.speed);
}

/** Total price of `count` ships. */
export function shipsCost(ship: ShipId, count: number): Cost {
  const unit = SHIP_INFO[ship].cost;
  return { metal: unit.metal * count, crystal: unit.crystal * count, fuel: unit.fuel * count };
}

/** Why `count` ships cannot be ordered at `now`, or null. Checks in order: shipyard, queue, resources. */
export function checkShipOrder(town: Town, ship: ShipId, count: number, now: number): ErrorCode | null {
  const current = advance(town, now);
  if (current.buildings.shipyard < 1) return 'shipyard/not-built';
  if (current.shipyard.length >= SHIPYARD_QUEUE_LIMIT) return 'shipyard/queue-full';
  const cost = shipsCost(ship, count);
  for (const r of RESOURCES) if (amountAt(current, r, now) < cost[r]) return NOT_ENOUGH[r];
  return null;
}

/** Orders `count` ships (1..MAX_SHIPS_PER_ORDER): pays for all now; they are built one after another. */
export function orderShips(town: Town, ship: ShipId, count: number, now: number): Result<Town> {
  const problem = checkShipOrder(town, ship, count, now);
  if (problem) return fail(problem);
  const current = rebase(advance(town, now), now);
  const cost = shipsCost(ship, count);
  const stocks = { ...current.stocks };
  for (const r of RESOURCES) stocks[r] = { ...stocks[r], amount: stocks[r].amount - cost[r] };
  const unitMs = shipBuildDuration(current, ship);
  const startsNow = current.shipyard.length === 0;
  const at = Math.max(now, current.since);
  const id = current.shipOrderSerial + 1;
  const order: ShipyardOrder = { id, ship, remaining: count, unitMs, unitCost: { ...SHIP_INFO[ship].cost }, nextAt: startsNow ? at + unitMs : 0 };
  return ok({ ...current, stocks, shipyard: [...current.shipyard, order], shipOrderSerial: id });
}

/** Cancels order `orderId`, refunding every ship of it not built yet; if it was in production the next starts at once. */
export function cancelShipOrder(town: Town, orderId: number, now: number): Result<Town> {
  const current = rebase(advance(town, now), now);
  const index = current.shipyard.findIndex((o) => o.id === orderId);
  const order = current.shipyard[index];
  if (!order) return fail('shipyard/no-such-order');
  const stocks = { ...current.stocks };
  for (const r of RESOURCES) stocks[r] = { ...stocks[r], amount: stocks[r].amount + order.unitCost[r] * order.remaining };
  const shipyard = current.shipyard.filter((_, i) => i !== index);
  const head = shipyard[0];
  if (index === 0 && head) shipyard[0] = { ...head, nextAt: Math.max(now, current.since) + head.unitMs };
  return ok({ ...current, stocks, shipyard });
}

/**
 * Delivers every ship finished by `now`, in bulk (a ship changes no rate, so only the counts move).
 * Exact with integer times: stepping in many small advances gives the same queue and counts.
 */
export function advanceShipyard(town: Town, now: number): Town {
  const head = town.shipyard[0];
  if (!head || head.nextAt > now) return town;
  const ships = { ...town.ships };
  const queue = [...town.shipyard];
  while (queue.length > 0) {
    const order = queue[0]!;
    if (order.nextAt > now) break;
    const done = Math.min(order.remaining, Math.floor((now - order.nextAt) / order.unitMs) + 1);
    ships[order.ship] += done;
    if (done < order.remaining) {
      queue[0] = { ...order, remaining: order.remaining - done, nextAt: order.nextAt + done * order.unitMs };
      break;
    }
    const finishedAt = order.nextAt + (done - 1) * order.unitMs;
    queue.shift();
    const next = queue[0];
    if (next) queue[0] = { ...next, nextAt: finishedAt + next.unitMs };
  }
  return { ...town, ships, shipyard: queue };
}
