import { ERROR_MESSAGES, MAX_SHIPS_PER_ORDER, checkShipOrder, newTown, type Town } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { clampCount, maxAffordable, parseCount, shipOrderReason } from './shipOrder';

/** A town with a shipyard and the given stock (rates: metal 3000/h, crystal 1000/h, no fuel). */
function town(amounts: { metal: number; crystal: number; fuel: number }, cap = 100_000): Town {
  const base = newTown(0, 1);
  return {
    ...base,
    buildings: { ...base.buildings, shipyard: 1 },
    stocks: {
      metal: { amount: amounts.metal, rate: 3_000, cap },
      crystal: { amount: amounts.crystal, rate: 1_000, cap },
      fuel: { amount: amounts.fuel, rate: 0, cap },
    },
  };
}

describe('how many ships the stock pays for', () => {
  it('is limited by the scarcest resource the ship needs', () => {
    // fighter: 3000 metal + 1000 crystal
    expect(maxAffordable(town({ metal: 9_500, crystal: 5_000, fuel: 0 }), 'fighter', 0)).toBe(3);
    expect(maxAffordable(town({ metal: 90_000, crystal: 2_999, fuel: 0 }), 'fighter', 0)).toBe(2);
  });

  it('ignores resources the ship does not need (a scout is crystal only)', () => {
    expect(maxAffordable(town({ metal: 0, crystal: 4_000, fuel: 0 }), 'scout', 0)).toBe(4);
  });

  it('is 0 when not even one is affordable, and counts what is produced by then', () => {
    const t = town({ metal: 2_000, crystal: 1_000, fuel: 0 });
    expect(maxAffordable(t, 'fighter', 0)).toBe(0);
    expect(maxAffordable(t, 'fighter', 20 * 60_000)).toBe(1); // 1000 metal more after 20 min at 3000/h
  });

  it('never offers more than one order may hold, and never a count the rules refuse', () => {
    const rich = town({ metal: 1e9, crystal: 1e9, fuel: 1e9 }, 1e10);
    expect(maxAffordable(rich, 'scout', 0)).toBe(MAX_SHIPS_PER_ORDER);
    const exact = town({ metal: 30_000, crystal: 10_000, fuel: 0 });
    const n = maxAffordable(exact, 'fighter', 0);
    expect(n).toBe(10);
    expect(checkShipOrder(exact, 'fighter', n, 0)).toBeNull();
    expect(checkShipOrder(exact, 'fighter', n + 1, 0)).not.toBeNull();
  });
});

describe('the count field', () => {
  it('keeps counts within 1..MAX_SHIPS_PER_ORDER', () => {
    expect(clampCount(0)).toBe(1);
    expect(clampCount(7.9)).toBe(7);
    expect(clampCount(5_000)).toBe(MAX_SHIPS_PER_ORDER);
    expect(clampCount(Number.NaN)).toBe(1);
  });

  it('reads only whole positive numbers, clamped', () => {
    expect(parseCount('12')).toBe(12);
    expect(parseCount(' 3 ')).toBe(3);
    expect(parseCount('99999')).toBe(MAX_SHIPS_PER_ORDER);
    for (const bad of ['', '0', '-2', '1.5', 'abc', '1e3']) expect(parseCount(bad)).toBeNull();
  });
});

describe('why an order cannot go', () => {
  it('says when the stock will cover it, and how many it covers now', () => {
    const t = town({ metal: 6_000, crystal: 1_000, fuel: 0 });
    const code = checkShipOrder(t, 'fighter', 2, 0)!;
    expect(code).toBe('shipyard/not-enough-crystal');
    // 1000 crystal short at 1000/h
    expect(shipOrderReason(code, t, 'fighter', 2, 0)).toBe(`${ERROR_MESSAGES[code]} Ready in 1h 00m. You can pay for 1 now.`);
  });

  it('points at the missing producer, and at Storage for orders bigger than it holds', () => {
    const t = town({ metal: 50_000, crystal: 50_000, fuel: 0 });
    const code = checkShipOrder(t, 'cruiser', 1, 0)!;
    expect(shipOrderReason(code, t, 'cruiser', 1, 0)).toBe(`${ERROR_MESSAGES['shipyard/not-enough-fuel']} Fuel is not produced yet: build a Fuel Refinery.`);
    const small = town({ metal: 9_000, crystal: 9_000, fuel: 0 }, 10_000);
    expect(shipOrderReason('shipyard/not-enough-metal', small, 'fighter', 5, 0)).toBe(
      `${ERROR_MESSAGES['shipyard/not-enough-metal']} That is more metal than Storage holds: order fewer or upgrade Storage. You can pay for 3 now.`,
    );
  });

  it('explains a full queue and passes other refusals through', () => {
    const t = town({ metal: 0, crystal: 0, fuel: 0 });
    expect(shipOrderReason('shipyard/queue-full', t, 'scout', 1, 0)).toBe(`${ERROR_MESSAGES['shipyard/queue-full']} Wait for an order to finish, or cancel one.`);
    expect(shipOrderReason('shipyard/not-built', t, 'scout', 1, 0)).toBe(ERROR_MESSAGES['shipyard/not-built']);
  });
});
