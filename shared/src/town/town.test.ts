import { describe, expect, it } from 'vitest';
import { advance, nextEventAt } from './advance';
import { amountAt, newTown, stocksAt, withSpeed } from './production';
import { townSchema } from './Town';
import { cancelUpgrade, checkUpgrade, startUpgrade, upgradeProgress } from './upgrades';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 25);

function started(result: ReturnType<typeof startUpgrade>) {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}`);
  return result.value;
}

describe('a new starbase', () => {
  it('starts with the starting stock, base production and nothing built', () => {
    const town = newTown(T0, 1);
    expect(stocksAt(town, T0)).toEqual({ metal: 500, crystal: 300, fuel: 100 });
    expect(town.stocks.metal.rate).toBe(30);
    expect(town.upgrade).toBeNull();
    expect(townSchema.parse(JSON.parse(JSON.stringify(town)))).toEqual(town);
  });

  it('produces lazily: an hour later it has one hour of base production more', () => {
    const town = newTown(T0, 1);
    expect(amountAt(town, 'metal', T0 + HOUR)).toBe(530);
    expect(amountAt(town, 'crystal', T0 + HOUR / 2)).toBe(307.5);
    expect(amountAt(town, 'fuel', T0 + HOUR)).toBe(100);
  });

  it('stops producing at the storage cap', () => {
    const town = newTown(T0, 1);
    expect(amountAt(town, 'metal', T0 + 10_000 * HOUR)).toBe(10_000);
  });

  it('never runs backwards', () => {
    const town = newTown(T0, 1);
    expect(amountAt(town, 'metal', T0 - HOUR)).toBe(500);
    expect(advance(town, T0 - HOUR)).toBe(town);
  });
});

describe('stored snapshots', () => {
  it('load when written by an earlier version, with defaults for what it did not have', () => {
    const firstVersion = {
      speed: 1,
      since: T0,
      stocks: { metal: { amount: 500, rate: 30, cap: 10000 }, crystal: { amount: 300, rate: 15, cap: 10000 }, fuel: { amount: 100, rate: 0, cap: 10000 } },
      buildings: { metalMine: 1, crystalMine: 0, fuelRefinery: 0, solarPlant: 0, storage: 0, commandCenter: 0, shipyard: 0, defenseGrid: 0 },
      upgrade: null,
    };
    const town = townSchema.parse(firstVersion);
    expect(town).toMatchObject({ foundedAt: 0, shipyard: [], applied: [], missionsTaken: [] });
    expect(town.ships).toEqual({ scout: 0, fighter: 0, frigate: 0, cruiser: 0, hauler: 0 });
    expect(town.buildings.metalMine).toBe(1);
  });

  it('give shipyard orders stored without ids fresh, distinct ids', () => {
    const unit = { metal: 0, crystal: 1000, fuel: 0 };
    const old = { ...newTown(T0, 1), shipOrderSerial: undefined, shipyard: [{ ship: 'scout', remaining: 2, unitMs: 10, unitCost: unit, nextAt: T0 + 10 }, { ship: 'scout', remaining: 1, unitMs: 10, unitCost: unit, nextAt: 0 }] };
    const town = townSchema.parse(old);
    expect(town.shipyard.map((o) => o.id)).toEqual([1, 2]);
    expect(town.shipOrderSerial).toBe(2);
  });

  it('are refused when corrupt', () => {
    expect(townSchema.safeParse({ ...newTown(T0, 1), ships: { fighter: -1 } }).success).toBe(false);
    expect(townSchema.safeParse({ ...newTown(T0, 1), since: 'yesterday' }).success).toBe(false);
  });
});

describe('building upgrades', () => {
  it('pays the cost at the start and completes at the finish time', () => {
    const town = started(startUpgrade(newTown(T0, 1), 'metalMine', T0));
    expect(stocksAt(town, T0)).toEqual({ metal: 440, crystal: 285, fuel: 100 });
    expect(town.upgrade).toMatchObject({ building: 'metalMine', toLevel: 1, startedAt: T0, finishesAt: T0 + 108_000 });
    expect(advance(town, T0 + 107_999).buildings.metalMine).toBe(0);
    const done = advance(town, T0 + 108_000);
    expect(done.buildings.metalMine).toBe(1);
    expect(done.upgrade).toBeNull();
    expect(done.since).toBe(T0 + 108_000);
  });

  it('changes rates from the completion moment on, not before', () => {
    let town = newTown(T0, 1);
    town = advance(started(startUpgrade(town, 'solarPlant', T0)), T0 + HOUR);
    const solarDone = town.since;
    town = started(startUpgrade(town, 'metalMine', solarDone));
    const mineDone = town.upgrade!.finishesAt;
    const later = mineDone + HOUR;
    const atFinish = amountAt(town, 'metal', mineDone);
    // one hour after the mine finished: base 30 plus the powered mine's 33 per hour
    expect(amountAt(advance(town, later), 'metal', later)).toBeCloseTo(atFinish + 63, 9);
  });

  it('refuses a second upgrade while one runs', () => {
    const town = started(startUpgrade(newTown(T0, 1), 'metalMine', T0));
    expect(startUpgrade(town, 'solarPlant', T0 + 1)).toEqual({ ok: false, code: 'upgrade/busy' });
    expect(checkUpgrade(town, 'solarPlant', T0 + 108_000)).toBeNull();
  });

  it('says which resource is missing', () => {
    const town = newTown(T0, 1);
    expect(checkUpgrade(town, 'storage', T0)).toBe('upgrade/not-enough-metal');
    expect(checkUpgrade(town, 'fuelRefinery', T0)).toBe(null);
    expect(checkUpgrade(town, 'defenseGrid', T0)).toBe('upgrade/not-enough-crystal');
    const rich = { ...town, stocks: { ...town.stocks, metal: { ...town.stocks.metal, amount: 5000 } } };
    expect(checkUpgrade(rich, 'storage', T0)).toBe('upgrade/not-enough-crystal');
    expect(checkUpgrade(rich, 'commandCenter', T0)).toBe('upgrade/not-enough-fuel');
  });

  it('refuses a building at its highest level', () => {
    const town = newTown(T0, 1);
    const maxed = { ...town, buildings: { ...town.buildings, solarPlant: 40 } };
    expect(checkUpgrade(maxed, 'solarPlant', T0)).toBe('upgrade/max-level');
  });

  it('refunds the full cost on cancel, and cancel without an upgrade is refused', () => {
    const town = newTown(T0, 1);
    const running = started(startUpgrade(town, 'crystalMine', T0 + 1000));
    const cancelled = cancelUpgrade(running, T0 + 1000);
    expect(cancelled.ok && stocksAt(cancelled.value, T0 + 1000)).toEqual(stocksAt(town, T0 + 1000));
    expect(cancelUpgrade(town, T0)).toEqual({ ok: false, code: 'upgrade/none' });
  });

  it('reports progress from 0 to 1', () => {
    const town = started(startUpgrade(newTown(T0, 1), 'metalMine', T0));
    expect(upgradeProgress(town, T0)).toBe(0);
    expect(upgradeProgress(town, T0 + 54_000)).toBe(0.5);
    expect(upgradeProgress(town, T0 + 999_999)).toBe(1);
  });
});

describe('game speed', () => {
  it('multiplies production and divides build time', () => {
    const fast = newTown(T0, 10);
    expect(amountAt(fast, 'metal', T0 + HOUR)).toBe(800);
    expect(started(startUpgrade(fast, 'metalMine', T0)).upgrade!.finishesAt).toBe(T0 + 10_800);
  });

  it('keeps what was produced when the speed changes', () => {
    const town = newTown(T0, 1);
    const faster = withSpeed(town, 2, T0 + HOUR);
    expect(amountAt(faster, 'metal', T0 + HOUR)).toBe(530);
    expect(amountAt(faster, 'metal', T0 + 2 * HOUR)).toBe(590);
  });
});

describe('the next event', () => {
  it('is the earliest of the running upgrade, the shipyard head and the fleets flying home; none when nothing runs', () => {
    const town = newTown(T0, 1);
    expect(nextEventAt(town)).toBeNull();
    const order = { id: 1, ship: 'scout' as const, remaining: 1, unitMs: 1000, unitCost: { metal: 0, crystal: 1000, fuel: 0 }, nextAt: T0 + 500 };
    const upgrade = { building: 'metalMine' as const, toLevel: 1, startedAt: T0, finishesAt: T0 + 300, cost: { metal: 60, crystal: 15, fuel: 0 } };
    const flying = (status: 'outbound' | 'returning', returnAt: number | null) => ({
      id: `f-${status}`,
      mission: { kind: 'patrol' as const, target: 'm1', title: 'Patrol', distance: 1000, pirates: {}, reward: { metal: 0, crystal: 0, fuel: 0 } },
      status,
      ships: { scout: 0, fighter: 1, frigate: 0, cruiser: 0, hauler: 0 },
      cargo: { metal: 0, crystal: 0, fuel: 0 },
      departAt: T0,
      arriveAt: T0 + 50, // an arrival is the scheduler's event, not the town's
      returnAt,
      battleId: null,
    });
    expect(nextEventAt({ ...town, shipyard: [order] })).toBe(T0 + 500);
    expect(nextEventAt({ ...town, shipyard: [{ ...order, nextAt: 0 }] })).toBeNull(); // queued, not in production
    expect(nextEventAt({ ...town, shipyard: [order], upgrade })).toBe(T0 + 300);
    expect(nextEventAt({ ...town, shipyard: [order], upgrade, fleets: [flying('outbound', null), flying('returning', T0 + 200)] })).toBe(T0 + 200);
    expect(nextEventAt({ ...town, fleets: [flying('outbound', T0 + 100)] })).toBeNull();
  });
});
