import type { BattleSide, BattleState, CombatUnitType } from './Battle';
import { createBattle } from './createBattle';

/** A unit to place by hand in a test arena. */
export interface Placed {
  side: BattleSide;
  type: CombatUnitType;
  x: number;
  y: number;
}

/**
 * Test helper (not exported from the package): a running battle with exactly these units at these spots,
 * ids in list order, full hull and shield, guns ready. Stats come from the tables (turrets at `turretLevel`)
 * and may be patched on the returned state, which is plain data.
 */
export function arena(units: Placed[], options: { turretLevel?: number; maxSteps?: number; seed?: number } = {}): BattleState {
  const base = createBattle({
    seed: options.seed ?? 7,
    attacker: { ships: {} },
    defender: { ships: {}, defenseStrength: options.turretLevel ?? 1 },
    maxSteps: options.maxSteps,
  });
  return {
    ...base,
    winner: null,
    ships: units.map((u, id) => ({
      id,
      side: u.side,
      type: u.type,
      x: u.x,
      y: u.y,
      hull: base.stats[u.type].hull,
      shield: base.stats[u.type].shieldCapacity,
      cooldown: 0,
      target: -1,
      status: 'active' as const,
      shot: -1,
      hit: false,
    })),
  };
}
