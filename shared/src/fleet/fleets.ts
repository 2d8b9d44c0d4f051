import { RESOURCES, type Cost } from '../content/resources';
import { SHIPS, SHIP_INFO, type ShipCounts, type ShipId } from '../content/ships';
import { MAX_SHIPS_PER_SIDE } from '../combat/Battle';
import { fail, ok, type Result } from '../errors';
import { advance } from '../town/advance';
import { amountAt, rebase } from '../town/production';
import type { Defense, Town } from '../town/Town';

const MS_PER_HOUR = 3_600_000;

/** Every ship type with a count (0 for the missing ones). */
export function fullCounts(ships: ShipCounts): Record<ShipId, number> {
  return Object.fromEntries(SHIPS.map((s) => [s, ships[s] ?? 0])) as Record<ShipId, number>;
}

export function shipTotal(ships: ShipCounts): number {
  return SHIPS.reduce((sum, s) => sum + (ships[s] ?? 0), 0);
}

/** The speed of the slowest ship present (a fleet flies together); 0 for an empty fleet. */
export function slowestSpeed(ships: ShipCounts): number {
  const speeds = SHIPS.filter((s) => (ships[s] ?? 0) > 0).map((s) => SHIP_INFO[s].speed);
  return speeds.length > 0 ? Math.min(...speeds) : 0;
}

/** One-way flight time in ms over `distance`: distance / slowest speed hours, divided by game speed. */
export function travelDuration(ships: ShipCounts, distance: number, gameSpeed: number): number {
  const slowest = slowestSpeed(ships);
  if (slowest === 0) return 0;
  return Math.max(1, Math.round(((distance / slowest) * MS_PER_HOUR) / gameSpeed));
}

/** Fuel burnt one way over `distance`, rounded up. The return flight is paid at departure too. */
export function fuelCost(ships: ShipCounts, distance: number): number {
  const perThousand = SHIPS.reduce((sum, s) => sum + (ships[s] ?? 0) * SHIP_INFO[s].fuelUse, 0);
  return Math.ceil((perThousand * distance) / 1000);
}

/** How much the fleet can carry. */
export function cargoCapacity(ships: ShipCounts): number {
  return SHIPS.reduce((sum, s) => sum + (ships[s] ?? 0) * SHIP_INFO[s].cargo, 0);
}

/** What a departure looks like before it happens. */
export interface FlightPlan {
  ships: Record<ShipId, number>;
  distance: number;
  departAt: number;
  arriveAt: number;
  /** fuel for the way out and back */
  fuel: number;
  cargoCapacity: number;
}

/**
 * Sends `ships` away at `now` on a flight of `distance`: the ships leave the dock and the fuel for both ways
 * is paid. Returns the town after departure and the plan the server records as a fleet.
 */
export function launchFleet(town: Town, ships: ShipCounts, distance: number, now: number): Result<{ town: Town; plan: FlightPlan }> {
  const current = rebase(advance(town, now), now);
  const wanted = fullCounts(ships);
  if (SHIPS.some((s) => wanted[s] < 0 || !Number.isInteger(wanted[s]) || wanted[s] > current.ships[s])) return fail('fleet/not-enough-ships');
  if (shipTotal(wanted) === 0) return fail('fleet/empty');
  if (shipTotal(wanted) > MAX_SHIPS_PER_SIDE) return fail('fleet/too-large');
  const fuel = 2 * fuelCost(wanted, distance);
  if (amountAt(current, 'fuel', now) < fuel) return fail('fleet/not-enough-fuel');

  const docked = { ...current.ships };
  for (const s of SHIPS) docked[s] -= wanted[s];
  const stocks = { ...current.stocks, fuel: { ...current.stocks.fuel, amount: current.stocks.fuel.amount - fuel } };
  const departAt = Math.max(now, current.since);
  return ok({
    town: { ...current, ships: docked, stocks },
    plan: {
      ships: wanted,
      distance,
      departAt,
      arriveAt: departAt + travelDuration(wanted, distance, current.speed),
      fuel,
      cargoCapacity: cargoCapacity(wanted),
    },
  });
}

/** How many results a town remembers having applied; older ids fall off (duplicates come within minutes). */
export const APPLIED_MEMORY = 500;

function remember(town: Town, id: string): string[] {
  const applied = [...town.applied, id];
  return applied.length > APPLIED_MEMORY ? applied.slice(applied.length - APPLIED_MEMORY) : applied;
}

/**
 * A fleet comes home at `at`: its ships dock and its cargo is unloaded (a stock may end above its cap,
 * like a refund; production waits until it is spent). Applying the same landing twice changes nothing.
 * The town must already be brought to `at` (`advance` calls this for each landing, in time order).
 */
export function landFleet(town: Town, landing: { id: string; ships: ShipCounts; cargo: Cost }, at: number): Town {
  const key = `land:${landing.id}`;
  if (town.applied.includes(key)) return town;
  const current = rebase(town, at);
  const ships = { ...current.ships };
  for (const s of SHIPS) ships[s] += Math.max(0, landing.ships[s] ?? 0);
  const stocks = { ...current.stocks };
  for (const r of RESOURCES) stocks[r] = { ...stocks[r], amount: stocks[r].amount + Math.max(0, landing.cargo[r]) };
  return { ...current, ships, stocks, applied: remember(current, key) };
}

/**
 * A raid on this starbase has started (its battle is being fought): listed in `defenses` until its result is
 * applied. Applying it twice, or after the result, changes nothing.
 */
export function defenseBegins(town: Town, defense: Defense): Town {
  if (town.applied.includes(`battle:${defense.battleId}`) || town.defenses.some((d) => d.battleId === defense.battleId)) return town;
  return { ...town, defenses: [...town.defenses, { ...defense }] };
}

/**
 * A battle at this starbase (a raid) is over: docked ships lost in it are removed and the raiders' loot is
 * taken from the stocks, never below zero; the raid leaves `defenses`. Keyed by battle id, so applying it
 * twice changes nothing.
 */
export function applyDefenseResult(town: Town, result: { battleId: string; lost: ShipCounts; looted: Cost }, now: number): Town {
  const key = `battle:${result.battleId}`;
  if (town.applied.includes(key)) return town;
  const current = rebase(advance(town, now), now);
  const ships = { ...current.ships };
  for (const s of SHIPS) ships[s] = Math.max(0, ships[s] - Math.max(0, result.lost[s] ?? 0));
  const stocks = { ...current.stocks };
  for (const r of RESOURCES) stocks[r] = { ...stocks[r], amount: Math.max(0, stocks[r].amount - Math.max(0, result.looted[r])) };
  const defenses = current.defenses.filter((d) => d.battleId !== result.battleId);
  return { ...current, ships, stocks, defenses, applied: remember(current, key) };
}


/**
 * Credits the starbase with enemy ships destroyed in battle `battleId` (their value counts for points). Keyed by
 * battle id, so crediting the same battle twice changes nothing.
 */
export function creditDestroyed(town: Town, battleId: string, value: number): Town {
  const key = `kills:${battleId}`;
  if (town.applied.includes(key) || !(value > 0)) return town;
  return { ...town, destroyed: town.destroyed + value, applied: remember(town, key) };
}
