import { advanceShipyard, newTown, orderShips, type ShipyardOrder, type Town } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { needsCancelConfirm, nextShipProgress, queueSchedule, queueTimeLeft, refundOf, shipsInQueue } from './shipyardQueue';

const fighter = (remaining: number, nextAt = 0): ShipyardOrder => ({ id: 1, ship: 'fighter', remaining, unitMs: 10_000, unitCost: { metal: 3000, crystal: 1000, fuel: 0 }, nextAt });
const scout = (remaining: number, nextAt = 0): ShipyardOrder => ({ id: 2, ship: 'scout', remaining, unitMs: 2_000, unitCost: { metal: 0, crystal: 1000, fuel: 0 }, nextAt });

describe('the shipyard queue schedule', () => {
  it('runs the head order from its next ship on, then each waiting order after the one before', () => {
    const now = 100_000;
    const schedule = queueSchedule([fighter(3, now + 4_000), scout(5)], now);
    expect(schedule.map(({ index, inProduction, startsAt, doneAt }) => ({ index, inProduction, startsAt, doneAt }))).toEqual([
      { index: 0, inProduction: true, startsAt: now - 6_000, doneAt: now + 24_000 },
      { index: 1, inProduction: false, startsAt: now + 24_000, doneAt: now + 34_000 },
    ]);
    expect(queueTimeLeft([fighter(3, now + 4_000), scout(5)], now)).toBe(34_000);
    expect(queueTimeLeft([], now)).toBe(0);
  });

  it('agrees with the rules: the queue is empty exactly when the schedule says it is done', () => {
    const base = newTown(0, 1);
    let town: Town = {
      ...base,
      buildings: { ...base.buildings, shipyard: 2 },
      stocks: { metal: { amount: 1e6, rate: 0, cap: 1e7 }, crystal: { amount: 1e6, rate: 0, cap: 1e7 }, fuel: { amount: 1e6, rate: 0, cap: 1e7 } },
    };
    for (const [ship, count] of [['fighter', 3], ['scout', 4], ['frigate', 2]] as const) {
      const result = orderShips(town, ship, count, 0);
      if (!result.ok) throw new Error(result.code);
      town = result.value;
    }
    const now = 5_000;
    const left = queueTimeLeft(advanceShipyard(town, now).shipyard, now);
    expect(advanceShipyard(town, now + left - 1).shipyard).toHaveLength(1);
    expect(advanceShipyard(town, now + left).shipyard).toHaveLength(0);
    expect(advanceShipyard(town, now + left).ships).toMatchObject({ fighter: 3, scout: 4, frigate: 2 });
  });

  it('shows the next ship’s progress from 0 to 1', () => {
    expect(nextShipProgress(fighter(2, 20_000), 10_000)).toBe(0);
    expect(nextShipProgress(fighter(2, 20_000), 17_500)).toBe(0.75);
    expect(nextShipProgress(fighter(2, 20_000), 25_000)).toBe(1);
    expect(nextShipProgress(fighter(2), 25_000)).toBe(0); // waiting orders have no next ship yet
  });

  it('counts the ships queued and what a cancel refunds', () => {
    expect(shipsInQueue([fighter(3, 1), scout(5)])).toBe(8);
    expect(refundOf(fighter(3, 1))).toEqual({ metal: 9000, crystal: 3000, fuel: 0 });
  });
});

describe('cancelling orders', () => {
  it('asks first for many ships or a big refund', () => {
    expect(needsCancelConfirm(scout(4))).toBe(false);
    expect(needsCancelConfirm(scout(5))).toBe(true);
    expect(needsCancelConfirm(fighter(4))).toBe(false); // 16,000 back
    expect(needsCancelConfirm({ ...fighter(1), ship: 'cruiser', unitCost: { metal: 20_000, crystal: 7000, fuel: 2000 } })).toBe(true);
  });

});
