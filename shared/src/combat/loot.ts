import { RESOURCES, zeroCost, type Cost } from '../content/resources';
import { fitCargo } from '../fleet/cargo';
import type { BattleOutcome } from './outcome';

/**
 * What a winning attacker takes home: of each resource, what the defender holds beyond its protected amount
 * (floored, never negative), scaled down evenly to what the surviving ships can carry (`fitCargo`, the same
 * split salvage uses). Nothing unless the attacker won; escaped ships carry nothing. Pass
 * `cargoCapacity(outcome.survivors.attacker)` as the capacity.
 */
export function lootFor(outcome: BattleOutcome, defenderStock: Cost, protectedAmount: Cost, survivorsCargoCapacity: number): Cost {
  if (outcome.winner !== 'attacker') return zeroCost();
  const available = zeroCost();
  for (const r of RESOURCES) {
    const beyond = Math.floor(defenderStock[r] - Math.max(0, protectedAmount[r]));
    available[r] = beyond > 0 ? beyond : 0; // also turns NaN into 0
  }
  const capacity = Math.floor(survivorsCargoCapacity);
  return fitCargo(available, capacity > 0 ? capacity : 0);
}
