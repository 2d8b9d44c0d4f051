import { describe, expect, it } from 'vitest';
import { cargoCapacity } from '../fleet/fleets';
import { createBattle } from './createBattle';
import { lootFor } from './loot';
import { outcome, type BattleOutcome } from './outcome';
import { resolveBattle } from './resolve';

const won = { winner: 'attacker' } as BattleOutcome;
const stock = { metal: 10_000, crystal: 6000, fuel: 1000 };
const shielded = { metal: 2000, crystal: 2000, fuel: 2000 };

describe('loot', () => {
  it('is nothing unless the attacker won', () => {
    for (const winner of ['defender', 'draw', null] as const) {
      expect(lootFor({ ...won, winner }, stock, shielded, 1_000_000)).toEqual({ metal: 0, crystal: 0, fuel: 0 });
    }
  });

  it('takes everything beyond the protected amount when it fits in the holds', () => {
    expect(lootFor(won, stock, shielded, 1_000_000)).toEqual({ metal: 8000, crystal: 4000, fuel: 0 });
  });

  it('scales every resource down evenly to the cargo room, in whole units', () => {
    expect(lootFor(won, stock, shielded, 6000)).toEqual({ metal: 4000, crystal: 2000, fuel: 0 });
    expect(lootFor(won, stock, shielded, 1001)).toEqual({ metal: 667, crystal: 333, fuel: 0 });
  });

  it('is never negative, also for odd inputs', () => {
    expect(lootFor(won, { metal: Number.NaN, crystal: -5, fuel: 10.9 }, { metal: 0, crystal: 0, fuel: -3 }, -100)).toEqual({ metal: 0, crystal: 0, fuel: 0 });
    expect(lootFor(won, { metal: Number.NaN, crystal: -5, fuel: 10.9 }, { metal: 0, crystal: 0, fuel: -3 }, 100)).toEqual({ metal: 0, crystal: 0, fuel: 10 });
  });

  it('fits in what the surviving raiders carry after a real battle', () => {
    const final = resolveBattle(createBattle({ seed: 5, attacker: { ships: { cruiser: 6, hauler: 2 } }, defender: { ships: { fighter: 4 } } }));
    const result = outcome(final);
    expect(result.winner).toBe('attacker');
    const capacity = cargoCapacity(result.survivors.attacker);
    const loot = lootFor(result, { metal: 50_000, crystal: 50_000, fuel: 50_000 }, shielded, capacity);
    expect(loot.metal + loot.crystal + loot.fuel).toBeLessThanOrEqual(capacity);
    expect(loot.metal).toBeGreaterThan(0);
  });
});
