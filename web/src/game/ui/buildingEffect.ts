import { BUILDINGS, BUILDING_INFO, energyBalance, mineOutput, storageCapacity, type BuildingId } from '@starscape/shared';
import { formatAmount, formatRate } from './format';

/** One line of "what the next level changes": now → next. */
export interface EffectLine {
  label: string;
  now: string;
  next: string;
  /** 'cost' when the next value is a burden (more energy used), for coloring */
  tone: 'gain' | 'cost';
}

function alone(building: BuildingId, level: number): Record<BuildingId, number> {
  const levels = Object.fromEntries(BUILDINGS.map((b) => [b, 0])) as Record<BuildingId, number>;
  levels[building] = level;
  return levels;
}

/**
 * What raising `building` from `level` to `level + 1` does, computed with the shared rules (mine
 * output at full power, since the energy meter shows any deficit; game speed applied). Empty for buildings
 * whose effect is not a number yet.
 */
export function buildingEffects(building: BuildingId, level: number, speed: number): EffectLine[] {
  const info = BUILDING_INFO[building];
  const lines: EffectLine[] = [];
  if (info.produces) {
    lines.push({
      label: `Max ${info.produces} output`,
      now: formatRate(mineOutput(building, level) * speed),
      next: formatRate(mineOutput(building, level + 1) * speed),
      tone: 'gain',
    });
  }
  if (info.energyUsePerLevel) {
    lines.push({
      label: 'Energy use',
      now: formatAmount(energyBalance(alone(building, level)).use),
      next: formatAmount(energyBalance(alone(building, level + 1)).use),
      tone: 'cost',
    });
  }
  if (info.energySupplyPerLevel) {
    lines.push({
      label: 'Energy supply',
      now: formatAmount(energyBalance(alone(building, level)).supply),
      next: formatAmount(energyBalance(alone(building, level + 1)).supply),
      tone: 'gain',
    });
  }
  if (building === 'storage') {
    lines.push({ label: 'Capacity', now: formatAmount(storageCapacity(level)), next: formatAmount(storageCapacity(level + 1)), tone: 'gain' });
  }
  if (building === 'commandCenter') {
    lines.push({ label: 'Build speed', now: `×${1 + level}`, next: `×${2 + level}`, tone: 'gain' });
  }
  if (building === 'shipyard') {
    // No shipyard, no ships: level 0 builds nothing rather than "×1".
    lines.push({ label: 'Ship build speed', now: level === 0 ? 'None' : `×${1 + level}`, next: `×${2 + level}`, tone: 'gain' });
  }
  return lines;
}
