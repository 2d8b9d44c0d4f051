import { SHIP_INFO } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { fleetTotals } from './fleetTotals';

describe('fleet totals', () => {
  it('adds up every ship’s stats by count', () => {
    const { fighter, hauler } = SHIP_INFO;
    expect(fleetTotals({ fighter: 10, hauler: 2 })).toEqual({
      ships: 12,
      attack: fighter.attack * 10 + hauler.attack * 2,
      shield: fighter.shield * 10 + hauler.shield * 2,
      hull: fighter.hull * 10 + hauler.hull * 2,
      cargo: fighter.cargo * 10 + hauler.cargo * 2,
    });
  });

  it('is all zero for no ships, and ignores missing or odd counts', () => {
    const zero = { ships: 0, attack: 0, shield: 0, hull: 0, cargo: 0 };
    expect(fleetTotals({})).toEqual(zero);
    expect(fleetTotals({ scout: 0, fighter: -3, frigate: Number.NaN })).toEqual(zero);
  });
});
