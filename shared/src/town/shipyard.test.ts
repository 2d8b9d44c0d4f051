import { describe, expect, it } from 'vitest';
import { advance } from './advance';
import { newTown, stocksAt } from './production';
import { cancelShipOrder, checkShipOrder, orderShips, shipBuildDuration } from './shipyard';
import type { Town } from './Town';

const T0 = Date.UTC(2026, 10, 25);

/** A town with a shipyard and plenty to spend. */
function richTown(speed = 1): Town {
  const town = newTown(T0, speed);
  const stocks = { ...town.stocks };
  for (const r of ['metal', 'crystal', 'fuel'] as const) stocks[r] = { ...stocks[r], amount: 100_000, cap: 1_000_000 };
  return { ...town, stocks, buildings: { ...town.buildings, shipyard: 1 } };
}

function value<T>(result: { ok: true; value: T } | { ok: false; code: string }): T {
  if (!result.ok) throw new Error(result.code);
  return result.value;
}

describe('the shipyard', () => {
  it('needs a shipyard', () => {
    expect(checkShipOrder(newTown(T0, 1), 'fighter', 1, T0)).toBe('shipyard/not-built');
  });

  it('takes the whole price up front and says which resource is short', () => {
    const town = richTown();
    const ordered = value(orderShips(town, 'fighter', 3, T0));
    expect(stocksAt(ordered, T0)).toEqual({ metal: 91_000, crystal: 97_000, fuel: 100_000 });
    expect(checkShipOrder(town, 'cruiser', 6, T0)).toBe('shipyard/not-enough-metal');
  });

  it('builds ships one after another, the next order starting when the first is done', () => {
    const town = richTown();
    const unit = shipBuildDuration(town, 'fighter'); // (3000+1000)/(2500·2) h = 0.8 h
    expect(unit).toBe(2_880_000);
    let t = value(orderShips(town, 'fighter', 2, T0));
    t = value(orderShips(t, 'scout', 1, T0));
    expect(advance(t, T0 + unit - 1).ships.fighter).toBe(0);
    expect(advance(t, T0 + unit).ships.fighter).toBe(1);
    const afterFighters = advance(t, T0 + 2 * unit);
    expect(afterFighters.ships.fighter).toBe(2);
    expect(afterFighters.shipyard).toHaveLength(1);
    expect(afterFighters.shipyard[0]!.nextAt).toBe(T0 + 2 * unit + shipBuildDuration(town, 'scout'));
    const all = advance(t, T0 + 100 * unit);
    expect(all.ships).toMatchObject({ fighter: 2, scout: 1 });
    expect(all.shipyard).toEqual([]);
  });

  it('refunds the unbuilt ships of a cancelled order, and the next order starts at once', () => {
    const town = richTown();
    const unit = shipBuildDuration(town, 'fighter');
    let t = value(orderShips(town, 'fighter', 3, T0));
    t = value(orderShips(t, 'hauler', 1, T0));
    const cancelled = value(cancelShipOrder(t, t.shipyard[0]!.id, T0 + unit + 5));
    expect(cancelled.ships.fighter).toBe(1);
    const produced = (30 * (unit + 5)) / 3_600_000; // base production meanwhile
    expect(stocksAt(cancelled, T0 + unit + 5).metal).toBeCloseTo(100_000 - 3000 - 2000 + produced, 6);
    expect(cancelled.shipyard[0]).toMatchObject({ ship: 'hauler', nextAt: T0 + unit + 5 + shipBuildDuration(town, 'hauler') });
    expect(cancelShipOrder(cancelled, t.shipyard[0]!.id, T0)).toEqual({ ok: false, code: 'shipyard/no-such-order' });
    expect(cancelled.shipyard[0]!.id).toBe(2);
  });

  it('holds at most ten orders', () => {
    let t = richTown();
    for (let i = 0; i < 10; i++) t = value(orderShips(t, 'scout', 1, T0));
    expect(orderShips(t, 'scout', 1, T0)).toEqual({ ok: false, code: 'shipyard/queue-full' });
  });
});
