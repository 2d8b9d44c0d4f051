import type { FleetInFlight } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { battleNotices } from './battleNotices';

function fleet(id: string, change: Partial<FleetInFlight> = {}): FleetInFlight {
  return {
    id,
    mission: { kind: 'patrol', target: 'm1', title: 'Chase off raiders', distance: 4000, pirates: {}, reward: { metal: 0, crystal: 0, fuel: 0 } },
    status: 'outbound',
    ships: { scout: 0, fighter: 4, frigate: 0, cruiser: 0, hauler: 0 },
    cargo: { metal: 0, crystal: 0, fuel: 0 },
    departAt: 1_000,
    arriveAt: 2_000,
    returnAt: null,
    battleId: null,
    ...change,
  };
}

describe('battle notices', () => {
  it('announces nothing when no battle involves the player', () => {
    expect(battleNotices({ defenses: [], fleets: [fleet('f1'), fleet('f2', { status: 'returning', battleId: 'b-old' })] })).toEqual([]);
  });

  it('announces a raid on the starbase by the raider’s name', () => {
    expect(battleNotices({ defenses: [{ battleId: 'b-1', attackerName: "Orion's Starbase", startedAt: 5_000 }], fleets: [] })).toEqual([
      { battleId: 'b-1', kind: 'defense', text: "Your starbase is under attack by Orion's Starbase", detail: '', since: 5_000 },
    ]);
  });

  it('announces a fleet in battle by its mission, once it fights in a battle with an id', () => {
    const raid = fleet('f2', {
      status: 'fighting',
      battleId: 'b-3',
      arriveAt: 3_000,
      mission: { kind: 'raid', target: 't9', title: "Raid on Rex's Starbase", distance: 9000, pirates: {}, reward: { metal: 0, crystal: 0, fuel: 0 } },
    });
    const patrol = fleet('f1', { status: 'fighting', battleId: 'b-2', arriveAt: 2_500 });
    const notYet = fleet('f3', { status: 'fighting', battleId: null });
    expect(battleNotices({ defenses: [], fleets: [raid, patrol, notYet] })).toEqual([
      { battleId: 'b-2', kind: 'fleet', text: 'Your patrol fleet is in battle', detail: 'Chase off raiders', since: 2_500 },
      { battleId: 'b-3', kind: 'fleet', text: 'Your raiding fleet is in battle', detail: "Raid on Rex's Starbase", since: 3_000 },
    ]);
  });

  it('puts raids on the starbase first, oldest first, and names each battle once', () => {
    const notices = battleNotices({
      defenses: [
        { battleId: 'b-9', attackerName: 'Late', startedAt: 9_000 },
        { battleId: 'b-8', attackerName: '', startedAt: 8_000 },
      ],
      fleets: [fleet('f1', { status: 'fighting', battleId: 'b-1', arriveAt: 1_000 }), fleet('f2', { status: 'fighting', battleId: 'b-9' })],
    });
    expect(notices.map((n) => [n.battleId, n.kind])).toEqual([
      ['b-8', 'defense'],
      ['b-9', 'defense'],
      ['b-1', 'fleet'],
    ]);
    expect(notices[0]!.text).toBe('Your starbase is under attack by raiders');
  });
});
