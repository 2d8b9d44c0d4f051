import { EMPTY_SHIPYARD_SLOT, newTown } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { shareEqual, toTownView, type RawTownState } from './roomState';
import { rawTownState } from './testing/rawTownState';

/** A town as the room state sends it, with overrides of raw fields. */
function rawState(overrides: RawTownState = {}): RawTownState {
  return { ...rawTownState(newTown(1_000, 2)), ...overrides };
}

describe('room state → store', () => {
  it('turns the room state into the rules Town, with upgrade null when absent', () => {
    const view = toTownView(rawState())!;
    expect(view.town).toEqual(newTown(1_000, 2));
    expect(view.town.upgrade).toBeNull();
    expect(view.meta).toEqual({ townId: 't1', name: "Nova's Starbase", ownerId: 'u1', ownerName: 'Nova' });
    expect(view.energy).toEqual({ supply: 0, use: 0 });
  });

  it('reads the empty slot a server keeps when the queue empties as no order, and an emptied queue as empty', () => {
    const rawOrder = { id: 7, ship: 'fighter', remaining: 3, unitMs: 14_400, nextAt: 9_000, unitMetal: 3000, unitCrystal: 1000, unitFuel: 0 };
    const slot = { ...rawOrder, id: EMPTY_SHIPYARD_SLOT }; // the last order's fields stay in the slot
    expect(toTownView(rawState({ shipyard: [slot] }))!.town.shipyard).toEqual([]);
    expect(toTownView(rawState({ shipyard: [rawOrder] }))!.town.shipyard.map((o) => o.id)).toEqual([7]);
  });

  it('keeps a running upgrade as a plain UpgradeJob', () => {
    const job = { building: 'metalMine', toLevel: 1, startedAt: 1_000, finishesAt: 4_000 };
    const upgrade = { ...job, costMetal: 60, costCrystal: 15, costFuel: 0 };
    expect(toTownView(rawState({ upgrade }))!.town.upgrade).toEqual({ ...job, cost: { metal: 60, crystal: 15, fuel: 0 } });
  });

  it('drops an upgrade naming an unknown building instead of passing it on', () => {
    expect(toTownView(rawState({ upgrade: { building: 'moonBase', toLevel: 1 } }))!.town.upgrade).toBeNull();
  });

  it('keeps docked ships, the shipyard queue and fleets away, dropping entries it does not know', () => {
    const order = { id: 7, ship: 'fighter', remaining: 3, unitMs: 14_400, nextAt: 9_000 };
    const rawOrder = { ...order, unitMetal: 3000, unitCrystal: 1000, unitFuel: 0 };
    const fleet = {
      id: 'f1', kind: 'patrol', target: 'm1', title: 'Pirate patrol', distance: 4000, status: 'returning',
      fighter: 4, cargoMetal: 10, cargoCrystal: 0, cargoFuel: 0, departAt: 1_000, arriveAt: 2_000, returnAt: 3_000, battleId: '',
    };
    const view = toTownView(
      rawState({
        scout: 2, fighter: 5, frigate: undefined, cruiser: 'many', hauler: 0, moonBase: 1,
        shipyard: [rawOrder, { ...rawOrder, ship: 'deathStar' }],
        fleets: { f1: fleet, f2: { ...fleet, id: 'f2', status: 'lost' } },
      }),
    )!;
    expect(view.town.ships).toEqual({ scout: 2, fighter: 5, frigate: 0, cruiser: 0, hauler: 0 });
    expect(view.town.shipyard).toEqual([{ ...order, unitCost: { metal: 3000, crystal: 1000, fuel: 0 } }]);
    expect(view.town.fleets).toEqual([
      {
        id: 'f1',
        mission: { kind: 'patrol', target: 'm1', title: 'Pirate patrol', distance: 4000, pirates: {}, reward: { metal: 0, crystal: 0, fuel: 0 } },
        status: 'returning',
        ships: { scout: 0, fighter: 4, frigate: 0, cruiser: 0, hauler: 0 },
        cargo: { metal: 10, crystal: 0, fuel: 0 },
        departAt: 1_000,
        arriveAt: 2_000,
        returnAt: 3_000,
        battleId: null,
      },
    ]);
  });

  it('keeps the raids on the starbase being fought, oldest first, from a list or a map', () => {
    const raid = { battleId: 'b-2', attackerName: "Orion's Starbase", startedAt: 5_000 };
    const older = { battleId: 'b-1', attackerName: 'Lyra', startedAt: 4_000 };
    const expected = [older, raid];
    expect(toTownView(rawState({ defenses: [raid, older, { attackerName: 'no id' }] }))!.town.defenses).toEqual(expected);
    expect(toTownView(rawState({ defenses: { 'b-2': raid, 'b-1': older } }))!.town.defenses).toEqual(expected);
  });

  it('reads a server without raids (no `defenses` field) as none', () => {
    const { defenses: _none, ...old } = rawState();
    expect(toTownView(old)!.town.defenses).toEqual([]);
  });

  it('is null while the state is still empty (before the first patch)', () => {
    expect(toTownView({})).toBeNull();
    expect(toTownView(null)).toBeNull();
    expect(toTownView({ townId: '' })).toBeNull();
  });

  it('fills missing or non-numeric fields with 0, never NaN', () => {
    const view = toTownView({ townId: 't1', metalAmount: 'lots', metalRate: Number.NaN, metalMineLevel: 3 })!;
    expect(view.town.stocks.metal).toEqual({ amount: 0, rate: 0, cap: 0 });
    expect(view.town.buildings.metalMine).toBe(3);
    expect(view.town.buildings.storage).toBe(0);
    expect(view.town.speed).toBe(1);
  });

  it('shares unchanged parts with the previous view, so narrow selectors see the same references', () => {
    const before = toTownView(rawState())!;
    const after = shareEqual(before, toTownView(rawState({ metalAmount: 1 }))!);
    expect(after).not.toBe(before);
    expect(after.town.stocks.metal.amount).toBe(1);
    expect(after.town.stocks.crystal).toBe(before.town.stocks.crystal);
    expect(after.town.buildings).toBe(before.town.buildings);
    expect(after.meta).toBe(before.meta);
    expect(shareEqual(before, toTownView(rawState())!)).toBe(before);
  });

  it('notices a field that disappeared (an upgrade finishing) as a change', () => {
    expect(shareEqual({ a: 1, b: 2 } as Record<string, number>, { a: 1 })).toEqual({ a: 1 });
    expect(shareEqual({ upgrade: { x: 1 } as { x: number } | null }, { upgrade: null })).toEqual({ upgrade: null });
  });
});
