import { travelDuration, type FleetInFlight } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { flightPhase, progressBetween } from './flightPhase';

const ships = { scout: 0, fighter: 4, frigate: 0, cruiser: 0, hauler: 0 };
const fleet: FleetInFlight = {
  id: 'f1',
  mission: { kind: 'patrol', target: '1-0', title: 'Chase off raiders', distance: 5000, pirates: {}, reward: { metal: 0, crystal: 0, fuel: 0 } },
  status: 'outbound',
  ships,
  cargo: { metal: 0, crystal: 0, fuel: 0 },
  departAt: 1_000,
  arriveAt: 11_000,
  returnAt: null,
  battleId: null,
};

describe('progress between two times', () => {
  it('runs from 0 to 1 and stays inside', () => {
    expect(progressBetween(0, 100, -5)).toBe(0);
    expect(progressBetween(0, 100, 25)).toBe(0.25);
    expect(progressBetween(0, 100, 500)).toBe(1);
    expect(progressBetween(50, 50, 0)).toBe(1);
  });
});

describe('where a fleet is', () => {
  it('counts down to arrival on the way out', () => {
    expect(flightPhase(fleet, 6_000, 1)).toEqual({ status: 'outbound', endsAt: 11_000, remaining: 5_000, progress: 0.5 });
    expect(flightPhase(fleet, 11_000, 1)).toEqual({ status: 'arriving' });
  });

  it('shows a fight without a timer', () => {
    expect(flightPhase({ ...fleet, status: 'fighting', battleId: 'b1' }, 12_000, 1)).toEqual({ status: 'fighting', endsAt: null, remaining: null });
  });

  it('keeps a resolved battle on screen until the survivors turn round', () => {
    const back = travelDuration(ships, 5000, 300);
    const returning: FleetInFlight = { ...fleet, status: 'returning', arriveAt: 11_000, returnAt: 20_000 + back, battleId: 'b1' };
    expect(flightPhase(returning, 15_000, 300)).toEqual({ status: 'fighting', endsAt: 20_000, remaining: 5_000 });
    expect(flightPhase(returning, 20_000, 300)).toMatchObject({ status: 'returning', progress: 0 });
  });

  it('counts the way home from when it turned round, at the survivors’ speed', () => {
    const back = travelDuration(ships, 5000, 300);
    const returning: FleetInFlight = { ...fleet, status: 'returning', arriveAt: 11_000, returnAt: 11_000 + back };
    const half = flightPhase(returning, 11_000 + back / 2, 300);
    expect(half).toMatchObject({ status: 'returning', remaining: back / 2, progress: 0.5 });
    expect(flightPhase(returning, 11_000 + back, 300)).toEqual({ status: 'docking' });
  });
});
