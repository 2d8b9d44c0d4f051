import { ERROR_MESSAGES, checkUpgrade, newTown, upgradeCost, type Town } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { affordability } from './affordability';
import { upgradeReason } from './upgradeReason';

const HOUR = 3_600_000;

function town(amounts: { metal: number; crystal: number; fuel: number }, rates = { metal: 100, crystal: 50, fuel: 0 }, cap = 10_000): Town {
  const base = newTown(0, 1);
  return {
    ...base,
    stocks: {
      metal: { amount: amounts.metal, rate: rates.metal, cap },
      crystal: { amount: amounts.crystal, rate: rates.crystal, cap },
      fuel: { amount: amounts.fuel, rate: rates.fuel, cap },
    },
  };
}

describe('affordability', () => {
  it('is "now" when every part is in stock', () => {
    expect(affordability(town({ metal: 60, crystal: 15, fuel: 0 }), { metal: 60, crystal: 15, fuel: 0 }, 0)).toEqual({ kind: 'now' });
  });

  it('waits for the slowest missing resource', () => {
    // 100 metal short at 100/h = 1 h; 25 crystal short at 50/h = 0.5 h
    const t = town({ metal: 0, crystal: 0, fuel: 0 });
    expect(affordability(t, { metal: 100, crystal: 25, fuel: 0 }, 0)).toEqual({ kind: 'wait', ms: HOUR });
    expect(affordability(t, { metal: 100, crystal: 25, fuel: 0 }, HOUR / 2)).toEqual({ kind: 'wait', ms: HOUR / 2 });
  });

  it('knows when waiting will not help', () => {
    const t = town({ metal: 0, crystal: 0, fuel: 0 }, undefined, 1_000);
    expect(affordability(t, { metal: 5_000, crystal: 0, fuel: 0 }, 0)).toEqual({ kind: 'storage', resource: 'metal' });
    expect(affordability(t, { metal: 0, crystal: 0, fuel: 10 }, 0)).toEqual({ kind: 'no-production', resource: 'fuel' });
  });
});

describe('why an upgrade cannot start', () => {
  it('adds when it will be affordable to the rule message', () => {
    const t = town({ metal: 0, crystal: 15, fuel: 0 }, { metal: 60, crystal: 0, fuel: 0 });
    const code = checkUpgrade(t, 'metalMine', 0)!;
    expect(code).toBe('upgrade/not-enough-metal');
    expect(upgradeReason(code, t, upgradeCost('metalMine', 1), 0)).toBe(`${ERROR_MESSAGES[code]} Ready in 1h 00m.`);
  });

  it('points at the missing producer', () => {
    const t = town({ metal: 10_000, crystal: 10_000, fuel: 0 });
    const code = checkUpgrade(t, 'commandCenter', 0)!;
    expect(upgradeReason(code, t, upgradeCost('commandCenter', 1), 0)).toBe(
      `${ERROR_MESSAGES['upgrade/not-enough-fuel']} Fuel is not produced yet: build a Fuel Refinery.`,
    );
  });

  it('passes other refusals through as the rules word them', () => {
    const t = town({ metal: 0, crystal: 0, fuel: 0 });
    expect(upgradeReason('upgrade/busy', t, upgradeCost('storage', 1), 0)).toBe(ERROR_MESSAGES['upgrade/busy']);
  });
});
