import type { FleetInFlight } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { fleetNews } from './fleetNews';

const base: FleetInFlight = {
  id: 'f1',
  mission: { kind: 'patrol', target: '1-0', title: 'Chase off raiders', distance: 5000, pirates: {}, reward: { metal: 0, crystal: 0, fuel: 0 } },
  status: 'returning',
  ships: { scout: 0, fighter: 3, frigate: 0, cruiser: 0, hauler: 1 },
  cargo: { metal: 1500.6, crystal: 800, fuel: 0 },
  departAt: 0,
  arriveAt: 10,
  returnAt: 20,
  battleId: 'b1',
};

describe('news of fleets between two states', () => {
  it('says nothing while every fleet is still listed', () => {
    expect(fleetNews([base], [base])).toEqual([]);
    expect(fleetNews([], [base])).toEqual([]);
  });

  it('reports a returning fleet that left the list as home, with its haul', () => {
    expect(fleetNews([base], [])).toEqual([{ fleetId: 'f1', tone: 'info', text: 'Fleet home: +1,500 metal, +800 crystal, 4 ships docked.' }]);
    expect(fleetNews([{ ...base, cargo: { metal: 0, crystal: 0, fuel: 0 } }], [])[0]?.text).toBe('Fleet home: 4 ships docked.');
  });

  it('reports a fleet that vanished before turning home as lost', () => {
    expect(fleetNews([{ ...base, status: 'fighting' }], [])[0]).toMatchObject({ tone: 'error', text: expect.stringContaining('Chase off raiders') });
  });
});
