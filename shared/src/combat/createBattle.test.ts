import { describe, expect, it } from 'vitest';
import { ARENA_WIDTH, battleStateSchema, DEFAULT_MAX_STEPS } from './Battle';
import { battleSetupSchema, createBattle, MAX_TURRETS, turretStats } from './createBattle';
import { initialFleets } from './outcome';
import { resolveBattle } from './resolve';
import { stepInPlace } from './step';

const setup = {
  seed: 42,
  attacker: { ships: { fighter: 12, frigate: 5, cruiser: 2, hauler: 1 } },
  defender: { ships: { fighter: 8, scout: 2 }, defenseStrength: 3 },
};

describe('a new battle', () => {
  it('numbers the attacker ships, then the defender ships, then the turrets', () => {
    const state = createBattle(setup);
    expect(state.ships.map((s) => s.id)).toEqual(state.ships.map((_, i) => i));
    expect(state.ships.slice(0, 20).every((s) => s.side === 'attacker')).toBe(true);
    expect(state.ships.slice(20, 30).every((s) => s.side === 'defender' && s.type !== 'turret')).toBe(true);
    expect(state.ships.slice(30).map((s) => s.type)).toEqual(['turret', 'turret', 'turret']);
    expect(initialFleets(state).attacker).toEqual({ scout: 0, fighter: 12, frigate: 5, cruiser: 2, hauler: 1 });
    expect(state).toMatchObject({ step: 0, maxSteps: DEFAULT_MAX_STEPS, winner: null, sides: { attacker: { retreating: false, focus: -1 } } });
  });

  it('stands each side on its own half, fighters in front and unarmed ships at the rear', () => {
    const state = createBattle(setup);
    const attackers = state.ships.filter((s) => s.side === 'attacker');
    const defenders = state.ships.filter((s) => s.side === 'defender');
    expect(Math.max(...attackers.map((s) => s.x))).toBeLessThan(ARENA_WIDTH / 2);
    expect(Math.min(...defenders.map((s) => s.x))).toBeGreaterThan(ARENA_WIDTH / 2);
    const depth = (type: string) => Math.max(...attackers.filter((s) => s.type === type).map((s) => s.x));
    expect(depth('fighter')).toBeGreaterThan(depth('cruiser'));
    expect(depth('cruiser')).toBeGreaterThan(depth('hauler'));
    for (const s of state.ships) {
      expect(Number.isInteger(s.x) && Number.isInteger(s.y)).toBe(true);
      expect(s.hull).toBe(state.stats[s.type].hull);
      expect(s.cooldown).toBeLessThan(state.stats[s.type].cooldown);
    }
  });

  it('is the same for the same seed and jittered differently for another', () => {
    expect(createBattle(setup)).toEqual(createBattle(setup));
    const other = createBattle({ ...setup, seed: 43 });
    expect(other.ships.map((s) => [s.x, s.y])).not.toEqual(createBattle(setup).ships.map((s) => [s.x, s.y]));
  });

  it('fields min(level, 10) turrets for a defense grid, each stronger with its level', () => {
    expect(createBattle({ ...setup, defender: { ships: {}, defenseStrength: 25 } }).ships.filter((s) => s.type === 'turret')).toHaveLength(MAX_TURRETS);
    expect(createBattle({ ...setup, defender: { ships: {} } }).ships.some((s) => s.type === 'turret')).toBe(false);
    expect(turretStats(10).attack).toBeGreaterThan(turretStats(1).attack);
    expect(turretStats(10).hull).toBeGreaterThan(turretStats(1).hull);
    expect(turretStats(10).speed).toBe(0);
  });

  it('is decided at once when a side brings nothing', () => {
    expect(createBattle({ seed: 1, attacker: { ships: { fighter: 1 } }, defender: { ships: {} } }).winner).toBe('attacker');
    expect(createBattle({ seed: 1, attacker: { ships: {} }, defender: { ships: {}, defenseStrength: 1 } }).winner).toBe('defender');
    expect(createBattle({ seed: 1, attacker: { ships: {} }, defender: { ships: {} } }).winner).toBe('draw');
  });

  it('is plain JSON: a snapshot taken mid-battle passes the snapshot schema unchanged', () => {
    const state = createBattle(setup);
    for (let i = 0; i < 150; i++) stepInPlace(state);
    const stored = JSON.parse(JSON.stringify(state));
    expect(battleStateSchema.parse(stored)).toEqual(state);
    expect(battleStateSchema.safeParse({ ...stored, ships: stored.ships.slice(1) }).success).toBe(false);
    expect(battleStateSchema.parse(JSON.parse(JSON.stringify(resolveBattle(state))))).toEqual(resolveBattle(state));
  });
});

describe('battle setup validation', () => {
  it('accepts a setup with whole counts up to 500 ships a side', () => {
    expect(battleSetupSchema.safeParse(setup).success).toBe(true);
    expect(battleSetupSchema.safeParse({ seed: 0, attacker: { ships: { fighter: 500 } }, defender: { ships: {} }, maxSteps: 600 }).success).toBe(true);
  });

  it('refuses more than 500 ships a side, fractional or negative counts, unknown ships and bad limits', () => {
    for (const bad of [
      { seed: 0, attacker: { ships: { fighter: 300, frigate: 201 } }, defender: { ships: {} } },
      { seed: 0, attacker: { ships: { fighter: 1.5 } }, defender: { ships: {} } },
      { seed: 0, attacker: { ships: { fighter: -1 } }, defender: { ships: {} } },
      { seed: 0, attacker: { ships: { dreadnought: 1 } }, defender: { ships: {} } },
      { seed: 0, attacker: { ships: {} }, defender: { ships: {} }, maxSteps: 0 },
      { seed: 0.5, attacker: { ships: {} }, defender: { ships: {} } },
      { seed: 0, attacker: { ships: {} }, defender: { ships: {}, defenseStrength: 41 } },
    ]) {
      expect(battleSetupSchema.safeParse(bad).success).toBe(false);
    }
  });
});
