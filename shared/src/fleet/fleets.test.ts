import { describe, expect, it } from 'vitest';
import { newTown, stocksAt } from '../town/production';
import type { Town } from '../town/Town';
import { fitCargo } from './cargo';
import { MAX_SHIPS_PER_SIDE } from '../combat/Battle';
import { applyDefenseResult, cargoCapacity, defenseBegins, fuelCost, landFleet, launchFleet, slowestSpeed, travelDuration } from './fleets';
import { checkRaid, defendingShips, protectedAmount, raidableStock } from './raids';

const T0 = Date.UTC(2026, 10, 25);

function withShips(town: Town, ships: Partial<Town['ships']>, fuel = 10_000): Town {
  return { ...town, ships: { ...town.ships, ...ships }, stocks: { ...town.stocks, fuel: { ...town.stocks.fuel, amount: fuel } } };
}

describe('fleets', () => {
  it('fly at the speed of their slowest ship and burn fuel by type and distance', () => {
    expect(slowestSpeed({ fighter: 3, hauler: 1 })).toBe(5000);
    expect(travelDuration({ fighter: 3 }, 12_500, 1)).toBe(3_600_000);
    expect(travelDuration({ fighter: 3 }, 12_500, 10)).toBe(360_000);
    expect(fuelCost({ fighter: 3, hauler: 1 }, 5000)).toBe(Math.ceil(((3 * 4 + 8) * 5000) / 1000));
    expect(cargoCapacity({ fighter: 2, hauler: 1 })).toBe(5100);
  });

  it('leave the dock and pay fuel for both ways on launch', () => {
    const town = withShips(newTown(T0, 1), { fighter: 5 });
    const launched = launchFleet(town, { fighter: 3 }, 5000, T0);
    expect(launched.ok).toBe(true);
    if (!launched.ok) return;
    expect(launched.value.town.ships.fighter).toBe(2);
    expect(launched.value.plan.fuel).toBe(2 * 60);
    expect(stocksAt(launched.value.town, T0).fuel).toBe(10_000 - 120);
    expect(launched.value.plan.arriveAt).toBe(T0 + travelDuration({ fighter: 3 }, 5000, 1));
  });

  it('refuse an empty fleet, missing ships and missing fuel', () => {
    const town = withShips(newTown(T0, 1), { fighter: 2 }, 10);
    expect(launchFleet(town, {}, 5000, T0)).toEqual({ ok: false, code: 'fleet/empty' });
    expect(launchFleet(town, { fighter: 3 }, 5000, T0)).toEqual({ ok: false, code: 'fleet/not-enough-ships' });
    expect(launchFleet(town, { fighter: -1, scout: 1 }, 5000, T0)).toEqual({ ok: false, code: 'fleet/not-enough-ships' });
    expect(launchFleet(withShips(town, { fighter: 501 }, 1e9), { fighter: 501 }, 5000, T0)).toEqual({ ok: false, code: 'fleet/too-large' });
    expect(launchFleet(withShips(town, { fighter: 500 }, 1e9), { fighter: 500 }, 5000, T0).ok).toBe(true);
    expect(launchFleet(town, { fighter: 2 }, 5000, T0)).toEqual({ ok: false, code: 'fleet/not-enough-fuel' });
  });

  it('land once: ships dock, cargo unloads, a second landing of the same fleet changes nothing', () => {
    const town = newTown(T0, 1);
    const landed = landFleet(town, { id: 'f1', ships: { hauler: 1 }, cargo: { metal: 4000, crystal: 0, fuel: 50 } }, T0);
    expect(landed.ships.hauler).toBe(1);
    expect(stocksAt(landed, T0)).toEqual({ metal: 4500, crystal: 300, fuel: 150 });
    expect(landFleet(landed, { id: 'f1', ships: { hauler: 1 }, cargo: { metal: 4000, crystal: 0, fuel: 50 } }, T0 + 10)).toBe(landed);
  });

  it('apply a raid on the defender once, never below zero', () => {
    const town = withShips(newTown(T0, 1), { fighter: 2 });
    const hit = applyDefenseResult(town, { battleId: 'b1', lost: { fighter: 5 }, looted: { metal: 10_000, crystal: 100, fuel: 0 } }, T0);
    expect(hit.ships.fighter).toBe(0);
    expect(stocksAt(hit, T0)).toEqual({ metal: 0, crystal: 200, fuel: 10_000 });
    expect(applyDefenseResult(hit, { battleId: 'b1', lost: { fighter: 5 }, looted: { metal: 1, crystal: 1, fuel: 1 } }, T0)).toBe(hit);
  });
});

describe('cargo and raids', () => {
  it('fits a haul into the holds without exceeding either', () => {
    expect(fitCargo({ metal: 100, crystal: 50, fuel: 0 }, 1000)).toEqual({ metal: 100, crystal: 50, fuel: 0 });
    const fitted = fitCargo({ metal: 3000, crystal: 1000, fuel: 1000 }, 1000);
    expect(fitted.metal + fitted.crystal + fitted.fuel).toBeLessThanOrEqual(1000);
    expect(fitted).toEqual({ metal: 600, crystal: 200, fuel: 200 });
  });

  it('protects newcomers and a share of every stock', () => {
    const town = newTown(T0, 1);
    expect(checkRaid('a', 'b', town, T0 + 1000)).toBe('raid/target-protected');
    expect(checkRaid('a', 'a', town, T0 + 1000)).toBe('raid/own-town');
    expect(checkRaid('a', 'b', town, T0 + 4 * 24 * 3_600_000)).toBeNull();
    expect(protectedAmount(town)).toEqual({ metal: 1000, crystal: 1000, fuel: 1000 });
    const rich = { ...town, stocks: { ...town.stocks, metal: { ...town.stocks.metal, amount: 5000 } } };
    expect(raidableStock(rich, T0)).toEqual({ metal: 4000, crystal: 0, fuel: 0 });
  });
});

describe('a raid on the starbase, from start to result', () => {
  it('is listed while fought and leaves the list with its result, once', () => {
    const town = newTown(T0, 1);
    const defense = { battleId: 'b-raid', attackerName: 'Corsair', startedAt: T0 };
    const raided = defenseBegins(town, defense);
    expect(raided.defenses).toEqual([defense]);
    expect(defenseBegins(raided, defense)).toBe(raided);
    const over = applyDefenseResult(raided, { battleId: 'b-raid', lost: {}, looted: { metal: 0, crystal: 0, fuel: 0 } }, T0);
    expect(over.defenses).toEqual([]);
    expect(defenseBegins(over, defense)).toBe(over); // a late repeat of the start does not bring it back
  });

  it('is defended by at most MAX_SHIPS_PER_SIDE docked ships, warships first', () => {
    expect(defendingShips({ fighter: 3, scout: 1 })).toEqual({ fighter: 3, scout: 1 });
    const many = defendingShips({ fighter: 450, cruiser: 30, hauler: 100, scout: 9 });
    expect(many).toEqual({ cruiser: 30, fighter: 450, hauler: 20 });
    expect(Object.values(many).reduce((a, b) => a + (b ?? 0), 0)).toBe(MAX_SHIPS_PER_SIDE);
  });
});
