import { BUILDINGS, BUILDING_INFO, type BuildingId, type BuildingLevels } from '../content/buildings';
import { BASE_PRODUCTION, RESOURCES, type Cost, type ResourceId } from '../content/resources';

const MS_PER_HOUR = 3_600_000;

/** c·L·1.1^L, the growth curve DESIGN.md uses for production and energy. */
function curve(coefficient: number, level: number): number {
  return coefficient * level * 1.1 ** level;
}

/** Energy supplied and used by a set of buildings; mines run at `factor` (supply/use, at most 1). */
export function energyBalance(buildings: BuildingLevels): { supply: number; use: number; factor: number } {
  let supply = 0;
  let use = 0;
  for (const id of BUILDINGS) {
    const info = BUILDING_INFO[id];
    const level = buildings[id];
    if (info.energySupplyPerLevel) supply += Math.floor(curve(info.energySupplyPerLevel, level));
    if (info.energyUsePerLevel) use += Math.ceil(curve(info.energyUsePerLevel, level));
  }
  const factor = use === 0 ? 1 : Math.min(1, supply / use);
  return { supply, use, factor };
}

/** What one building at `level` produces per hour at game speed 1 and full energy (0 if it is no mine). */
export function mineOutput(building: BuildingId, level: number): number {
  const info = BUILDING_INFO[building];
  return info.productionPerLevel ? Math.floor(curve(info.productionPerLevel, level)) : 0;
}

/** Production per hour of each resource, with game speed and the energy factor applied. */
export function productionRates(buildings: BuildingLevels, speed: number): Cost {
  const { factor } = energyBalance(buildings);
  const rates = { ...BASE_PRODUCTION };
  for (const id of BUILDINGS) {
    const produces = BUILDING_INFO[id].produces;
    if (produces) rates[produces] += mineOutput(id, buildings[id]) * factor;
  }
  for (const r of RESOURCES) rates[r] *= speed;
  return rates;
}

/** Storage capacity of each resource at a storage level: 5000·⌊2.5·e^(20L/33)⌋. */
export function storageCapacity(storageLevel: number): number {
  return 5000 * Math.floor(2.5 * Math.exp((20 * storageLevel) / 33));
}

/** Cost of raising `building` to `toLevel`: baseCost × factor^(toLevel−1), each part floored. */
export function upgradeCost(building: BuildingId, toLevel: number): Cost {
  const { baseCost, costFactor } = BUILDING_INFO[building];
  const scale = costFactor ** (toLevel - 1);
  return {
    metal: Math.floor(baseCost.metal * scale),
    crystal: Math.floor(baseCost.crystal * scale),
    fuel: Math.floor(baseCost.fuel * scale),
  };
}

/**
 * Build time in ms: (metal + crystal) / (2500 · (1 + command center)) hours, divided by game speed.
 * At least one millisecond, so a completion is always strictly after its start.
 */
export function buildDuration(cost: Cost, commandCenterLevel: number, speed: number): number {
  const hours = (cost.metal + cost.crystal) / (2500 * (1 + commandCenterLevel));
  return Math.max(1, Math.round((hours * MS_PER_HOUR) / speed));
}

/** How much `rate` per hour produces in `ms` milliseconds. */
export function producedIn(rate: number, ms: number): number {
  return (rate * ms) / MS_PER_HOUR;
}

export type { ResourceId };
