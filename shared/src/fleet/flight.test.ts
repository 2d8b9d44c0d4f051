import { describe, expect, it } from 'vitest';
import { advance, nextEventAt } from '../town/advance';
import { newTown, stocksAt } from '../town/production';
import type { Town } from '../town/Town';
import { dispatchMission, dispatchRaid, fleetEntersBattle, fleetLands, fleetTurnsHome, hasArmedShip, MAX_FLEETS_IN_FLIGHT, type RaidTarget } from './flight';
import { fuelCost, travelDuration } from './fleets';
import { missionBoard } from './missions';
import { NEWCOMER_PROTECTION_MS, RAID_DISTANCE } from './raids';

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

describe('a raid on another starbase', () => {
  const DAY = 24 * 3_600_000;
  /** a rival founded long before T0, past any protection */
  const rival = (changes: Partial<RaidTarget> = {}): RaidTarget => ({ townId: 'rival', name: "Rex's Starbase", town: newTown(T0 - 30 * DAY, 1), ...changes });

  function raided(town: Town, ships: Partial<Town['ships']>, target = rival(), now = T0) {
    const result = dispatchRaid(town, 'home', target, ships, 'r1', now);
    if (!result.ok) throw new Error(result.code);
    return result.value;
  }

  it('leaves with its ships, pays fuel for both ways and arrives one flight later', () => {
    const { town, fleet } = raided(armed(), { fighter: 4, hauler: 1 });
    expect(town.ships).toMatchObject({ fighter: 2, hauler: 1 });
    expect(stocksAt(town, T0).fuel).toBe(8000 - 2 * fuelCost({ fighter: 4, hauler: 1 }, RAID_DISTANCE));
    expect(fleet).toEqual({
      id: 'r1',
      mission: { kind: 'raid', target: 'rival', title: "Raid on Rex's Starbase", distance: RAID_DISTANCE, pirates: {}, reward: { metal: 0, crystal: 0, fuel: 0 } },
      status: 'outbound',
      ships: { scout: 0, fighter: 4, frigate: 0, cruiser: 0, hauler: 1 },
      cargo: { metal: 0, crystal: 0, fuel: 0 },
      departAt: T0,
      arriveAt: T0 + travelDuration({ hauler: 1 }, RAID_DISTANCE, 1),
      returnAt: null,
      battleId: null,
    });
    expect(town.fleets).toEqual([fleet]);
  });

  it('flies faster on a faster server', () => {
    const fast = newTown(T0, 50);
    const home = { ...fast, ships: { ...fast.ships, fighter: 3 }, stocks: { ...fast.stocks, fuel: { ...fast.stocks.fuel, amount: 1000, cap: 10_000 } } };
    const { fleet } = raided(home, { fighter: 3 });
    expect(fleet.arriveAt - T0).toBe(travelDuration({ fighter: 3 }, RAID_DISTANCE, 50));
    expect(fleet.arriveAt - T0).toBe(Math.round(((RAID_DISTANCE / 12_500) * 3_600_000) / 50));
  });

  it('is refused against the player’s own starbase', () => {
    expect(dispatchRaid(armed(), 'home', rival({ townId: 'home' }), { fighter: 1 }, 'r1', T0)).toEqual({ ok: false, code: 'raid/own-town' });
  });

  it('is refused against a newcomer until the protection time has passed at the target’s game speed', () => {
    const speed = 100;
    const protectedFor = NEWCOMER_PROTECTION_MS / speed;
    const newcomer = rival({ town: newTown(T0, speed) });
    expect(dispatchRaid(armed(), 'home', newcomer, { fighter: 1 }, 'r1', T0)).toEqual({ ok: false, code: 'raid/target-protected' });
    expect(dispatchRaid(armed(), 'home', newcomer, { fighter: 1 }, 'r1', T0 + protectedFor - 1)).toEqual({ ok: false, code: 'raid/target-protected' });
    expect(dispatchRaid(armed(), 'home', newcomer, { fighter: 1 }, 'r1', T0 + protectedFor).ok).toBe(true);
    // at game speed 1 the same starbase is still a newcomer three days minus a moment after founding
    const slow = rival({ town: newTown(T0, 1) });
    expect(dispatchRaid(armed(), 'home', slow, { fighter: 1 }, 'r1', T0 + 3 * DAY - 1)).toEqual({ ok: false, code: 'raid/target-protected' });
    expect(dispatchRaid(armed(), 'home', slow, { fighter: 1 }, 'r1', T0 + 3 * DAY).ok).toBe(true);
  });

  it('needs at least one armed ship: scouts alone cannot raid', () => {
    const home = { ...armed(), ships: { ...armed().ships, scout: 3 } };
    expect(dispatchRaid(home, 'home', rival(), { scout: 3 }, 'r1', T0)).toEqual({ ok: false, code: 'raid/unarmed' });
    expect(dispatchRaid(home, 'home', rival(), { scout: 3, hauler: 1 }, 'r1', T0).ok).toBe(true);
    expect(hasArmedShip({ scout: 2, fighter: 0 })).toBe(false);
    expect(hasArmedShip({ fighter: -1 })).toBe(false);
    expect(hasArmedShip({ frigate: 1 })).toBe(true);
  });

  it('is refused with no ships, too many ships, or too little fuel for the round trip', () => {
    expect(dispatchRaid(armed(), 'home', rival(), {}, 'r1', T0)).toEqual({ ok: false, code: 'fleet/empty' });
    expect(dispatchRaid(armed(), 'home', rival(), { fighter: 7 }, 'r1', T0)).toEqual({ ok: false, code: 'fleet/not-enough-ships' });
    const needed = 2 * fuelCost({ fighter: 6 }, RAID_DISTANCE);
    const dry = (fuel: number) => ({ ...armed(), stocks: { ...armed().stocks, fuel: { ...armed().stocks.fuel, amount: fuel, rate: 0 } } });
    expect(dispatchRaid(dry(needed - 1), 'home', rival(), { fighter: 6 }, 'r1', T0)).toEqual({ ok: false, code: 'fleet/not-enough-fuel' });
    expect(dispatchRaid(dry(needed), 'home', rival(), { fighter: 6 }, 'r1', T0).ok).toBe(true);
  });

  it('is refused past the fleet limit, before anything else is looked at', () => {
    const { town, fleet } = raided(armed(), { fighter: 1 });
    const full = { ...town, fleets: Array.from({ length: MAX_FLEETS_IN_FLIGHT }, (_, i) => ({ ...fleet, id: `x${i}` })) };
    expect(dispatchRaid(full, 'home', rival({ townId: 'home' }), { fighter: 1 }, 'r2', T0)).toEqual({ ok: false, code: 'fleet/too-many' });
  });

  it('cuts a very long starbase name to fit the stored title', () => {
    const { fleet } = raided(armed(), { fighter: 1 }, rival({ name: 'x'.repeat(300) }));
    expect(fleet.mission.title).toHaveLength(200);
    expect(fleet.mission.title.startsWith('Raid on x')).toBe(true);
  });
});
