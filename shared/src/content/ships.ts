import type { Cost } from './resources';

export const SHIPS = ['scout', 'fighter', 'frigate', 'cruiser', 'hauler'] as const;
export type ShipId = (typeof SHIPS)[number];

/** A number of ships of each type (missing types count as 0). */
export type ShipCounts = Partial<Record<ShipId, number>>;

export interface ShipInfo {
  name: string;
  description: string;
  /** price of one ship */
  cost: Cost;
  /** damage of one shot */
  attack: number;
  shield: number;
  hull: number;
  /** travel speed between stars, distance units per hour at game speed 1 */
  speed: number;
  /** resources one ship can carry */
  cargo: number;
  /** fuel one ship burns per 1000 distance units flown (each way) */
  fuelUse: number;
  /** how it moves and fights inside a battle arena (shared/src/combat) */
  combat: ShipCombat;
}

/**
 * Battle-arena parameters of a ship type. Arena units: the arena is ARENA_WIDTH × ARENA_HEIGHT
 * (9000 × 6000); a battle runs 10 steps per simulated second. All integers, so the simulation stays exact.
 */
export interface ShipCombat {
  /** weapon reach, from this ship's centre to the target's edge (0: unarmed) */
  range: number;
  /** steps from one shot to the next (1 fires every step) */
  cooldown: number;
  /** distance flown per step */
  arenaSpeed: number;
  /** size of the hull: reach is measured to it, and ships keep this far apart */
  radius: number;
  /** percent of the shots aimed at this ship that miss */
  evasion: number;
  /** percent of the target's evasion its guns cancel (frigates track small ships, cruisers do not) */
  tracking: number;
}

/** The ships table from DESIGN.md, kept as data so it can be tuned in one place. */
export const SHIP_INFO: Record<ShipId, ShipInfo> = {
  scout: {
    name: 'Scout',
    description: 'A fast, unarmed probe. Reaches anything first and carries almost nothing.',
    cost: { metal: 0, crystal: 1000, fuel: 0 },
    attack: 0,
    shield: 0,
    hull: 1000,
    speed: 100_000,
    cargo: 5,
    fuelUse: 1,
    combat: { range: 0, cooldown: 1, arenaSpeed: 60, radius: 18, evasion: 50, tracking: 0 },
  },
  fighter: {
    name: 'Fighter',
    description: 'Cheap, quick and short-ranged. Swarms of them screen the bigger hulls.',
    cost: { metal: 3000, crystal: 1000, fuel: 0 },
    attack: 50,
    shield: 10,
    hull: 4000,
    speed: 12_500,
    cargo: 50,
    fuelUse: 4,
    combat: { range: 320, cooldown: 2, arenaSpeed: 45, radius: 24, evasion: 40, tracking: 20 },
  },
  frigate: {
    name: 'Frigate',
    description: 'The line ship: solid armour, steady guns.',
    cost: { metal: 6000, crystal: 4000, fuel: 0 },
    attack: 150,
    shield: 25,
    hull: 10_000,
    speed: 10_000,
    cargo: 100,
    fuelUse: 10,
    combat: { range: 700, cooldown: 2, arenaSpeed: 28, radius: 40, evasion: 10, tracking: 30 },
  },
  cruiser: {
    name: 'Cruiser',
    description: 'Long-range batteries and heavy shields. Slow to build, hard to kill.',
    cost: { metal: 20_000, crystal: 7000, fuel: 2000 },
    attack: 400,
    shield: 50,
    hull: 27_000,
    speed: 15_000,
    cargo: 800,
    fuelUse: 30,
    combat: { range: 1400, cooldown: 2, arenaSpeed: 16, radius: 70, evasion: 5, tracking: 0 },
  },
  hauler: {
    name: 'Hauler',
    description: 'A cargo hull with a token gun. Brings the loot home.',
    cost: { metal: 2000, crystal: 2000, fuel: 0 },
    attack: 5,
    shield: 10,
    hull: 4000,
    speed: 5000,
    cargo: 5000,
    fuelUse: 8,
    combat: { range: 300, cooldown: 3, arenaSpeed: 18, radius: 55, evasion: 5, tracking: 0 },
  },
};
