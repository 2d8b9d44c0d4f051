import { RESOURCES, type Cost } from '../content/resources';

/**
 * The part of `haul` that fits in `capacity`: every resource scaled down by the same factor, floored, so
 * the result never exceeds the haul nor the capacity.
 */
export function fitCargo(haul: Cost, capacity: number): Cost {
  const total = haul.metal + haul.crystal + haul.fuel;
  if (total <= capacity) return { ...haul };
  const scale = Math.max(0, capacity) / total;
  const fitted = { metal: 0, crystal: 0, fuel: 0 };
  for (const r of RESOURCES) fitted[r] = Math.floor(haul[r] * scale);
  return fitted;
}
