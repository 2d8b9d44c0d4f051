import { z } from 'zod';
import { SHIPS, type ShipId } from '../content/ships';

/**
 * The rules state of one battle: plain JSON, every number an integer. Stored as a battle snapshot, sent to
 * replays, and advanced by `step`. Integers keep the simulation exact: the only non-integer operations are
 * `Math.sqrt` and `/` (both correctly rounded by IEEE 754, so bit-identical on every engine), always truncated
 * back to integers before they are stored.
 */

/** The two sides of a battle. The attacker starts on the left (x = 0 is its edge), the defender on the right. */
export const BATTLE_SIDES = ['attacker', 'defender'] as const;
export type BattleSide = (typeof BATTLE_SIDES)[number];

/** What can fight: a ship type, or a turret platform of the defender's defense grid. */
export type CombatUnitType = ShipId | 'turret';
export const COMBAT_UNIT_TYPES = [...SHIPS, 'turret'] as const satisfies readonly CombatUnitType[];

/** In the arena and fighting; destroyed (hull broken); or escaped over its own edge after a retreat order. */
export type CombatStatus = 'active' | 'destroyed' | 'escaped';

export type BattleWinner = BattleSide | 'draw';

/** Simulation rate: one step is 100 ms of battle. */
export const STEPS_PER_SECOND = 10;
/** Arena size in arena units; x runs from the attacker's edge (0) to the defender's edge (ARENA_WIDTH). */
export const ARENA_WIDTH = 9000;
export const ARENA_HEIGHT = 6000;
/** Default step limit: 5 simulated minutes. At the limit the battle is a draw. */
export const DEFAULT_MAX_STEPS = 3000;
/** Highest step limit a battle may ask for (1 simulated hour). */
export const MAX_BATTLE_STEPS = 36_000;
/** A hit's damage is `attack` plus or minus up to this percent (seeded, uniform in whole percents). */
export const DAMAGE_SPREAD_PERCENT = 20;
/** Ships one side may bring. */
export const MAX_SHIPS_PER_SIDE = 500;

/** Everything the simulation needs about one unit type, copied into the battle when it is created. */
export interface CombatStats {
  /** damage of one shot before spread, shields and evasion */
  attack: number;
  hull: number;
  /** shield pool: absorbs damage before the hull */
  shieldCapacity: number;
  /** shield points restored every step, up to the capacity */
  shieldRegen: number;
  /** weapon reach from the shooter's centre to the target's edge; 0 = unarmed */
  range: number;
  /** steps from one shot to the next */
  cooldown: number;
  /** arena units flown per step; 0 = fixed (turrets) */
  speed: number;
  radius: number;
  /** percent of shots at it that miss, less the shooter's tracking */
  evasion: number;
  /** percent of a target's evasion its guns cancel */
  tracking: number;
}

/** One unit in the arena. Its id is its index in `BattleState.ships` and never changes. */
export interface CombatShip {
  id: number;
  side: BattleSide;
  type: CombatUnitType;
  x: number;
  y: number;
  hull: number;
  shield: number;
  /** steps until it may fire again (0 = ready) */
  cooldown: number;
  /** id of the enemy it goes for, or -1 */
  target: number;
  status: CombatStatus;
  /** id of the unit it fired at during the last step, or -1 (for drawing shots) */
  shot: number;
  /** whether that shot hit */
  hit: boolean;
}

/** What a side has been ordered to do. */
export interface SideState {
  /** flying to its own edge to leave the arena (turrets stay) */
  retreating: boolean;
  /** enemy id the side focuses fire on, or -1 for the targeting AI */
  focus: number;
}

export interface BattleState {
  /** format of this state; bump when the shape or the rules change so old records are not replayed wrongly */
  version: 1;
  /** steps simulated so far; the next `step` call computes step number `step` */
  step: number;
  maxSteps: number;
  /** mulberry32 state (see ../random.ts); advanced only by the simulation */
  rng: number;
  /** null while the battle runs */
  winner: BattleWinner | null;
  width: number;
  height: number;
  /** unit stats fixed at creation, so a stored battle replays the same after the ship table is retuned */
  stats: Record<CombatUnitType, CombatStats>;
  sides: Record<BattleSide, SideState>;
  /** every unit that took part, index = id; destroyed and escaped units stay in place */
  ships: CombatShip[];
}

const int = z.number().int();
const nonNegative = int.min(0);
const statsSchema = z
  .object({
    attack: nonNegative,
    hull: int.min(1),
    shieldCapacity: nonNegative,
    shieldRegen: nonNegative,
    range: nonNegative,
    cooldown: int.min(1),
    speed: nonNegative,
    radius: nonNegative,
    evasion: int.min(0).max(100),
    tracking: int.min(0).max(100),
  })
  .strict();
const sideSchema = z.object({ retreating: z.boolean(), focus: int.min(-1) }).strict();
const shipSchema = z
  .object({
    id: nonNegative,
    side: z.enum(BATTLE_SIDES),
    type: z.enum(COMBAT_UNIT_TYPES),
    x: int,
    y: int,
    hull: nonNegative,
    shield: nonNegative,
    cooldown: nonNegative,
    target: int.min(-1),
    status: z.enum(['active', 'destroyed', 'escaped']),
    shot: int.min(-1),
    hit: z.boolean(),
  })
  .strict();

/** Validates a stored battle snapshot before a room resumes it. */
export const battleStateSchema: z.ZodType<BattleState> = z
  .object({
    version: z.literal(1),
    step: nonNegative,
    maxSteps: int.min(1).max(MAX_BATTLE_STEPS),
    rng: int.min(0).max(0xffffffff),
    winner: z.enum(['attacker', 'defender', 'draw']).nullable(),
    width: int.min(1).max(100_000),
    height: int.min(1).max(100_000),
    stats: z.object(Object.fromEntries(COMBAT_UNIT_TYPES.map((t) => [t, statsSchema])) as Record<CombatUnitType, typeof statsSchema>).strict(),
    sides: z.object({ attacker: sideSchema, defender: sideSchema }).strict(),
    ships: z.array(shipSchema).max(2 * MAX_SHIPS_PER_SIDE + 100),
  })
  .strict()
  .refine((s) => s.ships.every((ship, i) => ship.id === i), { message: 'ship ids must equal their index' })
  .refine(
    (s) =>
      s.ships.every((ship) => ship.target < s.ships.length && ship.shot < s.ships.length) &&
      s.sides.attacker.focus < s.ships.length &&
      s.sides.defender.focus < s.ships.length,
    { message: 'targets must name ships of this battle' },
  );

/** The enemy of `side`. */
export function opposingSide(side: BattleSide): BattleSide {
  return side === 'attacker' ? 'defender' : 'attacker';
}
