import { MAX_FLEETS_IN_FLIGHT, RAID_DISTANCE, fuelCost, missionBoard, newTown, type FleetInFlight, type Town } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { clampShips, dispatchShips, launchProblem, planFleet, raidProblem, strengthHint } from './fleetPlan';

const NOW = 1_000_000;

function town(changes: Partial<Town> = {}, fuel = 5000): Town {
  const base = newTown(NOW, 1);
  return {
    ...base,
    ships: { ...base.ships, fighter: 20, hauler: 2 },
    stocks: { ...base.stocks, fuel: { ...base.stocks.fuel, amount: fuel, rate: 0 } },
    ...changes,
  };
}

const board = missionBoard('t1', NOW, 1);
const patrol = board.missions.find((m) => m.kind === 'patrol')!;
const salvage = board.missions.find((m) => m.kind === 'salvage')!;

describe('what stops a fleet from launching', () => {
  it('lets a docked, fuelled fleet fly an open mission', () => {
    expect(launchProblem(town(), patrol, { fighter: 5 }, NOW)).toBeNull();
  });

  it('refuses an empty fleet', () => {
    expect(launchProblem(town(), patrol, {}, NOW)?.code).toBe('fleet/empty');
    expect(launchProblem(town(), patrol, { fighter: 0 }, NOW)?.code).toBe('fleet/empty');
    const armada = { ...town(), ships: { ...town().ships, fighter: 600 } };
    expect(launchProblem(armada, patrol, { fighter: 501 }, NOW)).toMatchObject({ code: 'fleet/too-large', reason: expect.stringContaining('1 too many') });
  });

  it('refuses more ships than are docked, naming the type', () => {
    const problem = launchProblem(town(), patrol, { fighter: 21 }, NOW);
    expect(problem?.code).toBe('fleet/not-enough-ships');
    expect(problem?.reason).toBe('Only 20 Fighters docked.');
  });

  it('refuses a flight the fuel stock cannot pay both ways, saying how much is missing', () => {
    const needed = planFleet(town(), patrol, { fighter: 20 }, NOW).fuel;
    const problem = launchProblem(town({}, needed - 10), patrol, { fighter: 20 }, NOW);
    expect(problem?.code).toBe('fleet/not-enough-fuel');
    expect(problem?.reason).toContain('10 short');
    expect(launchProblem(town({}, needed), patrol, { fighter: 20 }, NOW)).toBeNull();
  });

  it('lets a salvage go once the fleet has a hold', () => {
    expect(launchProblem(town(), salvage, {}, NOW)?.code).toBe('fleet/empty');
    expect(launchProblem(town(), salvage, { hauler: 1 }, NOW)).toBeNull();
  });

  it('refuses a mission already flown, and an eleventh fleet', () => {
    expect(launchProblem(town({ missionsTaken: [patrol.id] }), patrol, { fighter: 1 }, NOW)?.code).toBe('mission/taken');
    const away = Array.from({ length: MAX_FLEETS_IN_FLIGHT }, (_, i) => ({ id: `f${i}` }) as FleetInFlight);
    expect(launchProblem(town({ fleets: away }), patrol, { fighter: 1 }, NOW)?.code).toBe('fleet/too-many');
  });
});

describe('what stops a raid from launching', () => {
  it('lets an armed, fuelled fleet go', () => {
    expect(raidProblem(town(), { fighter: 5 }, NOW)).toBeNull();
    expect(raidProblem(town(), { hauler: 1 }, NOW)).toBeNull();
  });

  it('refuses an empty pick, ships that are not docked, and scouts alone', () => {
    expect(raidProblem(town(), {}, NOW)?.code).toBe('fleet/empty');
    expect(raidProblem(town(), { fighter: 21 }, NOW)?.reason).toBe('Only 20 Fighters docked.');
    const scouts = town({ ships: { ...town().ships, scout: 4 } });
    expect(raidProblem(scouts, { scout: 4 }, NOW)).toEqual({ code: 'raid/unarmed', reason: 'A raid needs at least one armed ship: scouts cannot fight.' });
    expect(raidProblem(scouts, { scout: 4, fighter: 1 }, NOW)).toBeNull();
  });

  it('charges the round trip over the raid distance, and refuses an eleventh fleet', () => {
    const needed = 2 * fuelCost({ fighter: 20 }, RAID_DISTANCE);
    expect(raidProblem(town({}, needed - 1), { fighter: 20 }, NOW)?.reason).toBe(`Needs ${needed.toLocaleString('en-US')} fuel for the round trip: 1 short.`);
    expect(raidProblem(town({}, needed), { fighter: 20 }, NOW)).toBeNull();
    const away = Array.from({ length: MAX_FLEETS_IN_FLIGHT }, (_, i) => ({ id: `f${i}` }) as FleetInFlight);
    expect(raidProblem(town({ fleets: away }), { fighter: 1 }, NOW)?.code).toBe('fleet/too-many');
  });
});

describe('the plan of a fleet', () => {
  it('charges fuel both ways and flies at the slowest ship', () => {
    const fast = planFleet(town(), { distance: 5000 }, { fighter: 1 }, NOW);
    const mixed = planFleet(town(), { distance: 5000 }, { fighter: 1, hauler: 1 }, NOW);
    expect(fast.fuel).toBe(2 * Math.ceil((4 * 5000) / 1000));
    expect(mixed.flightMs).toBeGreaterThan(fast.flightMs);
    expect(mixed.cargo).toBeGreaterThan(fast.cargo);
    expect(fast.fuelInStock).toBe(5000);
  });
});

describe('the strength hint', () => {
  it('has nothing to say when there is nobody to fight', () => {
    expect(strengthHint({ fighter: 3 }, {})).toBeNull();
  });

  it('compares attack·hull: equal fleets are a close fight, double numbers are favoured', () => {
    expect(strengthHint({ fighter: 4 }, { fighter: 4 })?.verdict).toBe('close');
    expect(strengthHint({ fighter: 8 }, { fighter: 4 })?.verdict).toBe('favoured');
    expect(strengthHint({ fighter: 8 }, { fighter: 4 })?.ratio).toBe(4);
    expect(strengthHint({ fighter: 1 }, { fighter: 4 })?.verdict).toBe('outgunned');
    expect(strengthHint({}, { fighter: 4 })?.verdict).toBe('outgunned');
  });
});

describe('ship counts', () => {
  it('clamps a count to what is docked', () => {
    expect(clampShips(5, 3)).toBe(3);
    expect(clampShips(-1, 3)).toBe(0);
    expect(clampShips(2.7, 3)).toBe(2);
    expect(clampShips(Number.NaN, 3)).toBe(0);
  });

  it('sends only the types picked', () => {
    expect(dispatchShips({ scout: 0, fighter: 3, hauler: 1 })).toEqual({ fighter: 3, hauler: 1 });
  });
});
