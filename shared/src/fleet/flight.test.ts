import { describe, expect, it } from 'vitest';
import { advance, nextEventAt } from '../town/advance';
import { newTown, stocksAt } from '../town/production';
import type { Town } from '../town/Town';
import { dispatchMission, fleetEntersBattle, fleetLands, fleetTurnsHome, MAX_FLEETS_IN_FLIGHT } from './flight';
import { travelDuration } from './fleets';
import { missionBoard } from './missions';

const T0 = Date.UTC(2026, 10, 25);

function armed(): Town {
  const town = newTown(T0, 1);
  return { ...town, ships: { ...town.ships, fighter: 6, hauler: 2 }, stocks: { ...town.stocks, fuel: { ...town.stocks.fuel, amount: 8000, cap: 10_000 } } };
}

function dispatched(town: Town, missionIndex: number, ships: Partial<Town['ships']>, id: string) {
  const mission = missionBoard('home', T0, 1).missions[missionIndex]!;
  const result = dispatchMission(town, 'home', mission.id, ships, id, T0);
  if (!result.ok) throw new Error(result.code);
  return { ...result.value, mission };
}

describe('a fleet on a mission', () => {
  it('leaves with its ships and a copy of the mission, and is refused past the fleet limit', () => {
    const { town, fleet, mission } = dispatched(armed(), 0, { fighter: 4 }, 'f1');
    expect(town.ships.fighter).toBe(2);
    expect(fleet).toMatchObject({ id: 'f1', status: 'outbound', mission: { kind: 'patrol', target: mission.id, distance: mission.distance } });
    const full = { ...town, fleets: Array.from({ length: MAX_FLEETS_IN_FLIGHT }, (_, i) => ({ ...fleet, id: `x${i}` })) };
    expect(dispatchMission(full, 'home', missionBoard('home', T0, 1).missions[1]!.id, { fighter: 1 }, 'f2', T0)).toEqual({ ok: false, code: 'fleet/too-many' });
  });

  it('fights, turns home with survivors and loot, and lands by itself at its return time, once', () => {
    const { town, fleet } = dispatched(armed(), 0, { fighter: 4, hauler: 1 }, 'f1');
    const fighting = fleetEntersBattle(town, 'f1', 'b1');
    expect(fighting.fleets[0]).toMatchObject({ status: 'fighting', battleId: 'b1' });
    const endedAt = fleet.arriveAt + 60_000;
    const home = fleetTurnsHome(fighting, 'f1', { survivors: { fighter: 3, hauler: 1 }, cargo: { metal: 2000, crystal: 500, fuel: 0 } }, endedAt);
    const returnAt = endedAt + travelDuration({ fighter: 3, hauler: 1 }, fleet.mission.distance, 1);
    expect(home.fleets[0]).toMatchObject({ status: 'returning', returnAt });
    expect(nextEventAt(home)).toBe(returnAt);
    expect(fleetTurnsHome(home, 'f1', { survivors: { fighter: 9 }, cargo: { metal: 1, crystal: 1, fuel: 1 } }, endedAt)).toBe(home);

    expect(advance(home, returnAt - 1).fleets).toHaveLength(1);
    const landed = advance(home, returnAt + 5000);
    expect(landed.fleets).toEqual([]);
    expect(landed.ships).toMatchObject({ fighter: 5, hauler: 2 });
    expect(stocksAt(landed, returnAt).metal).toBeCloseTo(stocksAt(home, returnAt).metal + 2000, 6);
    expect(fleetLands(landed, 'f1', returnAt + 9000)).toBe(landed);
    // stepping through the landing gives the same town as jumping over it
    expect(advance(advance(home, returnAt - 1), returnAt + 5000)).toEqual(landed);
  });

  it('is gone when nobody survives', () => {
    const { town } = dispatched(armed(), 0, { fighter: 2 }, 'f1');
    const lost = fleetTurnsHome(fleetEntersBattle(town, 'f1', 'b1'), 'f1', { survivors: {}, cargo: { metal: 0, crystal: 0, fuel: 0 } }, T0 + 1);
    expect(lost.fleets).toEqual([]);
    expect(lost.ships.fighter).toBe(4);
  });
});
