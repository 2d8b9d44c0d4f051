import { describe, expect, it } from 'vitest';
import { newTown } from '../town/production';
import { MISSION_REFRESH_MS, missionArrival, missionBoard, takeMission } from './missions';

const T0 = Date.UTC(2026, 10, 25);

describe('the mission board', () => {
  it('is the same for everyone who asks during one period, and new after it', () => {
    const a = missionBoard('town-1', T0, 1);
    expect(missionBoard('town-1', T0 + 1000, 1)).toEqual(a);
    expect(a.missions.map((m) => m.kind)).toEqual(['patrol', 'patrol', 'salvage', 'expedition']);
    expect(a.refreshesAt).toBeGreaterThan(T0);
    const later = missionBoard('town-1', a.refreshesAt, 1);
    expect(later.epoch).toBe(a.epoch + 1);
    expect(later.missions[0]!.id).not.toBe(a.missions[0]!.id);
    expect(missionBoard('town-2', T0, 1).missions).not.toEqual(a.missions);
    expect(missionBoard('town-1', T0, 10).refreshesAt - T0).toBeLessThanOrEqual(MISSION_REFRESH_MS / 10);
  });

  it('sends a fleet on a mission once, and refuses unknown missions and salvage without cargo', () => {
    const fresh = newTown(T0, 1);
    const town = { ...fresh, ships: { ...fresh.ships, fighter: 4, hauler: 1 }, stocks: { ...fresh.stocks, fuel: { ...fresh.stocks.fuel, amount: 5000 } } };
    const board = missionBoard('t', T0, 1);
    const patrol = board.missions[0]!;
    const taken = takeMission(town, 't', patrol.id, { fighter: 2 }, T0);
    expect(taken.ok).toBe(true);
    if (!taken.ok) return;
    expect(taken.value.town.missionsTaken).toEqual([patrol.id]);
    expect(takeMission(taken.value.town, 't', patrol.id, { fighter: 2 }, T0)).toEqual({ ok: false, code: 'mission/taken' });
    expect(takeMission(town, 't', 'nope', { fighter: 2 }, T0)).toEqual({ ok: false, code: 'mission/unknown' });
    expect(takeMission(town, 't', board.missions[2]!.id, { fighter: 0 }, T0)).toEqual({ ok: false, code: 'fleet/no-cargo' });
    expect(takeMission(town, 't', board.missions[0]!.id, {}, T0)).toEqual({ ok: false, code: 'fleet/empty' });
    expect(takeMission(town, 't', board.missions[2]!.id, { hauler: 1 }, T0).ok).toBe(true);
  });

  it('decides arrivals from the fleet id: patrols fight, loot never exceeds the holds', () => {
    const board = missionBoard('t', T0, 1);
    expect(missionArrival(board.missions[0]!, 'f1', { fighter: 2 }).kind).toBe('battle');
    for (let i = 0; i < 50; i++) {
      const arrival = missionArrival(board.missions[3]!, `f${i}`, { fighter: 1 });
      expect(['battle', 'loot', 'lost', 'nothing']).toContain(arrival.kind);
      if (arrival.kind === 'loot') expect(arrival.cargo.metal + arrival.cargo.crystal + arrival.cargo.fuel).toBeLessThanOrEqual(50);
      expect(missionArrival(board.missions[3]!, `f${i}`, { fighter: 1 })).toEqual(arrival);
    }
  });
});
