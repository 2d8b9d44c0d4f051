import { RESOURCES, type Cost } from '../content/resources';
import { BUILDINGS, type BuildingId } from '../content/buildings';
import { SHIPS, SHIP_INFO, type ShipCounts } from '../content/ships';
import { upgradeCost } from '../town/economy';
import type { Town } from '../town/Town';

/** Resources worth one point. */
export const RESOURCES_PER_POINT = 1000;

/** All resources of `cost` counted alike (loops, not `reduce`: a town is scored on every save). */
function total(cost: Cost): number {
  let sum = 0;
  for (const r of RESOURCES) sum += cost[r];
  return sum;
}

/**
 * What levels 1..`level` of a building cost together, from a table filled as levels are first asked for: a
 * town is scored on every save, and summing its costs level by level each time made a cost object per level
 * (about 4 µs and 7 KB of garbage per save). Costs are whole numbers, so the sums are exact in any order.
 */
function buildingValue(building: BuildingId, level: number): number {
  const sums = (cumulativeValue[building] ??= [0]);
  for (let next = sums.length; next <= level; next++) sums.push(sums[next - 1]! + total(upgradeCost(building, next)));
  return sums[level]!;
}
const cumulativeValue: Partial<Record<BuildingId, number[]>> = {};

/** What ships are worth: their build cost, all resources counted alike. */
export function shipsValue(ships: ShipCounts): number {
  let sum = 0;
  for (const s of SHIPS) sum += (ships[s] ?? 0) * total(SHIP_INFO[s].cost);
  return sum;
}

/**
 * A player's points: one for every RESOURCES_PER_POINT resources built into the starbase (every building level
 * it has, at its cost), into its ships (docked and away) and destroyed of its enemies' ships in battle.
 * What is lost is no longer counted; what was destroyed stays counted.
 */
export function townPoints(town: Town): number {
  let value = 0;
  for (const building of BUILDINGS) value += buildingValue(building, town.buildings[building]);
  value += shipsValue(town.ships);
  for (const fleet of town.fleets) value += shipsValue(fleet.ships);
  value += town.destroyed;
  return Math.floor(value / RESOURCES_PER_POINT);
}
