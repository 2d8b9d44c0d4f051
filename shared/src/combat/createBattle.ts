import { z } from 'zod';
import { MAX_BUILDING_LEVEL } from '../content/buildings';
import { SHIPS, SHIP_INFO, type ShipCounts, type ShipId } from '../content/ships';
import { createRng, type Rng } from '../random';
import {
  ARENA_HEIGHT,
  ARENA_WIDTH,
  DEFAULT_MAX_STEPS,
  MAX_BATTLE_STEPS,
  MAX_SHIPS_PER_SIDE,
  type BattleSide,
  type BattleState,
  type CombatShip,
  type CombatStats,
  type CombatUnitType,
} from './Battle';
import { judgeBattle } from './step';

/** What a battle starts from. Stored with the orders as the battle record: enough to replay it exactly. */
export interface BattleSetup {
  /** any integer; only its low 32 bits are used */
  seed: number;
  attacker: { ships: ShipCounts };
  /** `defenseStrength` is the defense grid level of the defended starbase (0 or absent: no turrets) */
  defender: { ships: ShipCounts; defenseStrength?: number };
  /** step limit, DEFAULT_MAX_STEPS (5 simulated minutes) when absent */
  maxSteps?: number;
}

/** A ship's shield pool is its table shield × this; it absorbs damage before the hull. */
export const SHIELD_POOL_FACTOR = 20;
/** The pool regains shield ÷ this every step (a drained fighter shield is full again after 10 s). */
export const SHIELD_REGEN_DIVISOR = 5;
/** A defense grid of level L fields min(L, MAX_TURRETS) turret platforms, each stronger with L. */
export const MAX_TURRETS = 10;

/** Formation: ships stand this far apart, the front rank this far from its own edge. */
const SPACING = 150;
const FRONT = 2600;
const MARGIN = 300;
const JITTER = 40;
const MAX_ROWS = Math.floor((ARENA_HEIGHT - 2 * MARGIN) / SPACING);
/** Front to back: the screen first, the heavy guns behind it, the unarmed at the rear. */
const FORMATION_ORDER: readonly ShipId[] = ['fighter', 'frigate', 'cruiser', 'hauler', 'scout'];

const count = z.number().int().min(0).max(MAX_SHIPS_PER_SIDE);
const shipCounts = z
  .object(Object.fromEntries(SHIPS.map((s) => [s, count.optional()])) as Record<ShipId, z.ZodOptional<typeof count>>)
  .strict()
  .refine((ships) => SHIPS.reduce((sum, s) => sum + (ships[s] ?? 0), 0) <= MAX_SHIPS_PER_SIDE, {
    message: `at most ${MAX_SHIPS_PER_SIDE} ships per side`,
  });

/** Validates a battle setup (for instance a stored battle record) before `createBattle` trusts it. */
export const battleSetupSchema: z.ZodType<BattleSetup> = z
  .object({
    seed: z.number().int().min(-0x80000000).max(0xffffffff),
    attacker: z.object({ ships: shipCounts }).strict(),
    defender: z.object({ ships: shipCounts, defenseStrength: z.number().int().min(0).max(MAX_BUILDING_LEVEL).optional() }).strict(),
    maxSteps: z.number().int().min(1).max(MAX_BATTLE_STEPS).optional(),
  })
  .strict();

/** Arena stats of a ship type, from the ship table. */
export function shipCombatStats(ship: ShipId): CombatStats {
  const info = SHIP_INFO[ship];
  const { range, cooldown, arenaSpeed, radius, evasion, tracking } = info.combat;
  return {
    attack: info.attack,
    hull: info.hull,
    shieldCapacity: info.shield * SHIELD_POOL_FACTOR,
    shieldRegen: Math.floor(info.shield / SHIELD_REGEN_DIVISOR),
    range: info.attack > 0 ? range : 0,
    cooldown: Math.max(1, cooldown),
    speed: arenaSpeed,
    radius,
    evasion,
    tracking,
  };
}

/**
 * One turret platform of a defense grid at `level`: fixed in place, long-ranged (1600), never retreats. Level 1
 * is about a frigate; each level adds 30 attack, 5 shield and 3000 hull. A grid fields `turretCount(level)`.
 */
export function turretStats(level: number): CombatStats {
  const l = Math.max(0, Math.floor(level));
  const shield = 20 + 5 * l;
  return {
    attack: 100 + 30 * l,
    hull: 10_000 + 3000 * l,
    shieldCapacity: shield * SHIELD_POOL_FACTOR,
    shieldRegen: Math.floor(shield / SHIELD_REGEN_DIVISOR),
    range: 1600,
    cooldown: 3,
    speed: 0,
    radius: 90,
    evasion: 0,
    tracking: 20,
  };
}

export function turretCount(level: number): number {
  return Math.max(0, Math.min(MAX_TURRETS, Math.floor(level)));
}

/**
 * A new battle at step 0. Each side stands in a block of columns facing the other (fighters in front, unarmed
 * ships at the rear), every position jittered by the seeded generator, and each gun starts at a seeded point of
 * its reload so volleys are not all in step. Ids: the attacker's ships, then the defender's, then turrets.
 * Expects a valid setup (`battleSetupSchema`); counts are floored and negative ones ignored.
 */
export function createBattle(setup: BattleSetup): BattleState {
  const rng = createRng(setup.seed);
  const stats = Object.fromEntries(SHIPS.map((s) => [s, shipCombatStats(s)])) as Record<CombatUnitType, CombatStats>;
  const level = setup.defender.defenseStrength ?? 0;
  stats.turret = turretStats(level);
  const ships: CombatShip[] = [];
  placeFleet(ships, 'attacker', setup.attacker.ships, stats, rng);
  placeFleet(ships, 'defender', setup.defender.ships, stats, rng);
  const turrets = turretCount(level);
  for (let i = 0; i < turrets; i++) {
    const y = Math.floor(((i + 1) * ARENA_HEIGHT) / (turrets + 1));
    ships.push(newShip(ships.length, 'defender', 'turret', ARENA_WIDTH - 500, y, stats.turret, rng));
  }
  const state: BattleState = {
    version: 1,
    step: 0,
    maxSteps: Math.max(1, Math.min(MAX_BATTLE_STEPS, Math.floor(setup.maxSteps ?? DEFAULT_MAX_STEPS))),
    rng: rng.state,
    winner: null,
    width: ARENA_WIDTH,
    height: ARENA_HEIGHT,
    stats,
    sides: { attacker: { retreating: false, focus: -1 }, defender: { retreating: false, focus: -1 } },
    ships,
  };
  state.winner = judgeBattle(state);
  return state;
}

function placeFleet(ships: CombatShip[], side: BattleSide, counts: ShipCounts, stats: Record<CombatUnitType, CombatStats>, rng: Rng) {
  const types: ShipId[] = [];
  for (const type of FORMATION_ORDER) {
    const n = Math.floor(counts[type] ?? 0);
    for (let i = 0; i < n; i++) types.push(type);
  }
  const n = types.length;
  let rows = 1;
  while (rows < MAX_ROWS && rows * rows < 3 * n) rows++;
  for (let k = 0; k < n; k++) {
    const column = Math.floor(k / rows);
    const row = k % rows;
    const inColumn = Math.min(rows, n - column * rows);
    const depth = FRONT - column * SPACING;
    const x = side === 'attacker' ? depth : ARENA_WIDTH - depth;
    const y = ARENA_HEIGHT / 2 + ((2 * row - inColumn + 1) * SPACING) / 2;
    const type = types[k]!;
    ships.push(newShip(ships.length, side, type, x, y, stats[type], rng));
  }
}

function newShip(id: number, side: BattleSide, type: CombatUnitType, x: number, y: number, stats: CombatStats, rng: Rng): CombatShip {
  return {
    id,
    side,
    type,
    x: Math.max(0, Math.min(ARENA_WIDTH, x + rng.int(-JITTER, JITTER))),
    y: Math.max(0, Math.min(ARENA_HEIGHT, y + rng.int(-JITTER, JITTER))),
    hull: stats.hull,
    shield: stats.shieldCapacity,
    cooldown: rng.int(0, stats.cooldown - 1),
    target: -1,
    status: 'active',
    shot: -1,
    hit: false,
  };
}
