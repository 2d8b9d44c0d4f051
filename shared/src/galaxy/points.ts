import { RESOURCES, type Cost } from '../content/resources';
import { BUILDINGS } from '../content/buildings';
import { SHIPS, SHIP_INFO, type ShipCounts } from '../content/ships';
import { upgradeCost } from '../town/economy';
import type { Town } from '../town/Town';

/** Resources worth one point. */
export const RESOURCES_PER_POINT = 1000;

function total(cost: Cost): number {
  return RESOURCES.reduce((sum, r) => sum + cost[r], 0);
}

/** What ships are worth: their build cost, all resources counted alike. */
export function shipsValue(ships: ShipCounts): number {
  return SHIPS.reduce((sum, s) => sum + (ships[s] ?? 0) * total(SHIP_INFO[s].cost), 0);
}

/**
 * A player's points: one for every RESOURCES_PER_POINT resources built into the starbase (every building level
 * it has, at its cost), into its ships (docked and away) and destroyed of its enemies' ships in battle.
 * What is lost is no longer counted; what was destroyed stays counted.
 */
export function townPoints(town: Town): number {
  let value = 0;
  for (const building of BUILDINGS) for (let level = 1; level <= town.buildings[building]; level++) value += total(upgradeCost(building, level));
  value += shipsValue(town.ships);
  for (const fleet of town.fleets) value += shipsValue(fleet.ships);
  value += town.destroyed;
  return Math.floor(value / RESOURCES_PER_POINT);
}
