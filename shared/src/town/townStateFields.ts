import { BUILDINGS, type BuildingId } from '../content/buildings';
import { RESOURCES, type ResourceId } from '../content/resources';

/**
 * How a town's numbers travel in the town room's state (server/src/rooms/schema/TownState.ts): flat number
 * fields on a few schema objects instead of maps of small objects, because every schema object costs each
 * live room memory and change tracking (BENCHMARKS.md). The server writes these names and the web client
 * reads them back into the rules' `Town`; both take them from here. Ship counts use the ship ids themselves
 * (docked on the town, aboard on a fleet).
 */

const capitalized = <T extends string>(s: T) => (s.charAt(0).toUpperCase() + s.slice(1)) as Capitalize<T>;

function byResource<P extends string>(prefix: P): { readonly [R in ResourceId]: `${P}${Capitalize<R>}` } {
  return Object.fromEntries(RESOURCES.map((r) => [r, `${prefix}${capitalized(r)}`])) as { [R in ResourceId]: `${P}${Capitalize<R>}` };
}

/** A stock's amount, rate and cap on the town: `metalAmount`, `metalRate`, `metalCap`, … */
export const STOCK_FIELDS: { readonly [R in ResourceId]: { amount: `${R}Amount`; rate: `${R}Rate`; cap: `${R}Cap` } } = Object.fromEntries(
  RESOURCES.map((r) => [r, { amount: `${r}Amount`, rate: `${r}Rate`, cap: `${r}Cap` }]),
) as { [R in ResourceId]: { amount: `${R}Amount`; rate: `${R}Rate`; cap: `${R}Cap` } };

/** A building's level on the town: `metalMineLevel`, … (the shipyard's is `shipyardLevel`; `shipyard` is the queue) */
export const LEVEL_FIELDS: { readonly [B in BuildingId]: `${B}Level` } = Object.fromEntries(BUILDINGS.map((b) => [b, `${b}Level`])) as {
  [B in BuildingId]: `${B}Level`;
};

/** The running upgrade's cost: `costMetal`, … */
export const UPGRADE_COST_FIELDS = byResource('cost');
/** A shipyard order's cost per ship: `unitMetal`, … */
export const UNIT_COST_FIELDS = byResource('unit');
/** What a fleet carries home: `cargoMetal`, … */
export const CARGO_FIELDS = byResource('cargo');

/**
 * The id a shipyard entry on the wire has while it holds no order. When the queue empties, the server keeps its
 * last entry in the list as an empty slot instead of removing it: the next order is written into it, so a town
 * whose queue empties and fills all day attaches and detaches no schema object (without them the old generation
 * grew a third less per action, BENCHMARKS.md, session 19). Order ids start at 1.
 */
export const EMPTY_SHIPYARD_SLOT = 0;

/** The orders of a shipyard queue as the town's state sends it: every entry but an empty slot, in order. */
export function queuedOrders<T extends { readonly id: unknown }>(entries: Iterable<T>): T[] {
  const orders: T[] = [];
  for (const entry of entries) if (entry.id !== EMPTY_SHIPYARD_SLOT) orders.push(entry);
  return orders;
}
