import { BUILDINGS, type BuildingLevels } from '../content/buildings';
import { RESOURCES, STARTING_STOCK, type Cost, type ResourceId } from '../content/resources';
import { SHIPS, type ShipId } from '../content/ships';
import { producedIn, productionRates, storageCapacity } from './economy';
import type { Stock, Town } from './Town';

/**
 * The exact amount of `resource` at time `t`. Production runs from `town.since` at the stock's rate and
 * stops at the cap; a stock already at or over its cap (after a refund) stays as it is. Times before
 * `since` give the amount at `since`: a town never runs backwards.
 */
export function amountAt(town: Town, resource: ResourceId, t: number): number {
  const stock = town.stocks[resource];
  if (stock.amount >= stock.cap) return stock.amount;
  const elapsed = Math.max(0, t - town.since);
  return Math.min(stock.cap, stock.amount + producedIn(stock.rate, elapsed));
}

/** Every stored resource at time `t`. */
export function stocksAt(town: Town, t: number): Cost {
  return { metal: amountAt(town, 'metal', t), crystal: amountAt(town, 'crystal', t), fuel: amountAt(town, 'fuel', t) };
}

/** Moves the reference moment to `t` (never backwards): amounts become their values at `t`, rates are kept. */
export function rebase(town: Town, t: number): Town {
  if (t <= town.since) return town;
  const stocks = {} as Record<ResourceId, Stock>;
  for (const r of RESOURCES) {
    const { rate, cap } = town.stocks[r];
    stocks[r] = { amount: amountAt(town, r, t), rate, cap };
  }
  return { ...town, since: t, stocks };
}

/** Rates and caps that follow from the buildings and speed; call after rebasing, when buildings changed. */
export function withDerivedRates(town: Town): Town {
  const rates = productionRates(town.buildings, town.speed);
  const cap = storageCapacity(town.buildings.storage);
  const stocks = {} as Record<ResourceId, Stock>;
  for (const r of RESOURCES) stocks[r] = { amount: town.stocks[r].amount, rate: rates[r], cap };
  return { ...town, stocks };
}

/** A new starbase: nothing built, the starting stock, base production. */
export function newTown(now: number, speed: number): Town {
  const buildings = Object.fromEntries(BUILDINGS.map((b) => [b, 0])) as BuildingLevels;
  const stocks = {} as Record<ResourceId, Stock>;
  for (const r of RESOURCES) stocks[r] = { amount: STARTING_STOCK[r], rate: 0, cap: 0 };
  const ships = Object.fromEntries(SHIPS.map((s) => [s, 0])) as Record<ShipId, number>;
  return withDerivedRates({ foundedAt: now, speed, since: now, stocks, buildings, upgrade: null, ships, shipyard: [], shipOrderSerial: 0, applied: [], missionsTaken: [], fleets: [], defenses: [], destroyed: 0 });
}

/**
 * The same town under another game speed from `now` on: what was produced until now stays, rates change.
 * A running upgrade keeps its finish time.
 */
export function withSpeed(town: Town, speed: number, now: number): Town {
  if (speed === town.speed) return town;
  return withDerivedRates({ ...rebase(town, now), speed });
}
