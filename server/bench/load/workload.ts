/**
 * The load bench's workload, the same for both servers: N players, each with an account and a town of its
 * own; each player's client joins its town, then sends one action every ACTION_INTERVAL_MS (at a random
 * phase): it orders one scout when the shipyard queue is empty and cancels its order otherwise, so the town
 * stays valid however long the bench runs. The result of an action is visible when the queue length changes.
 */
import { SECTOR_SLOTS, newTown, withDerivedRates, type Town } from '@starscape/shared';

export const ACTION_INTERVAL_MS = 5000;
/** the ship every order asks for: a scout takes minutes to build, so an order is still queued when it is cancelled */
export const ORDERED_SHIP = 'scout';

/** Player `i` (from 0): ids made up so a run can find them without reading the database. */
export function benchPlayer(i: number): { userId: string; townId: string; name: string; sector: number; slot: number } {
  const n = String(i + 1).padStart(6, '0');
  return { userId: `bench-user-${n}`, townId: `bench-town-${n}`, name: `Pilot ${i + 1}`, sector: Math.floor(i / SECTOR_SLOTS) + 1, slot: i % SECTOR_SLOTS };
}

/**
 * A mid-game starbase: buildings at levels a few days in, ships docked, and stocks far above what any action
 * costs (above the storage cap, so they stay as they are): no order ever fails for lack of resources.
 */
export function benchTown(now: number): Town {
  const base = newTown(now, 1);
  const town = withDerivedRates({
    ...base,
    buildings: { metalMine: 8, crystalMine: 7, fuelRefinery: 4, solarPlant: 9, storage: 6, commandCenter: 4, shipyard: 3, defenseGrid: 2 },
    ships: { scout: 5, fighter: 40, frigate: 10, cruiser: 2, hauler: 6 },
  });
  const stocks = { ...town.stocks };
  for (const r of Object.keys(stocks) as Array<keyof typeof stocks>) stocks[r] = { ...stocks[r], amount: 1e9 };
  return { ...town, stocks };
}

/** What an action does, decided from the queue the client last saw. */
export type Action = { kind: 'order' } | { kind: 'cancel'; orderId: number };

export function nextAction(queue: { length: number; lastId: number | null }): Action {
  return queue.length > 0 && queue.lastId !== null ? { kind: 'cancel', orderId: queue.lastId } : { kind: 'order' };
}
