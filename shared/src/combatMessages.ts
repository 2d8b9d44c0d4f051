import { z } from 'zod';
import type { BattleSide } from './combat/Battle';
import { combatCommandSchema } from './combat/orders';
import type { ShipView } from './combat/view';
import { clockRequestSchema } from './messages';

/**
 * The `combat` room protocol. One room per battle; its room id is the battle id, so a client joins it with
 * `client.joinById(battleId)` (no join options). The room exists while the battle runs; once it is over the
 * report lives at `/battles/<id>`.
 */

/** Who a client is in a battle: the commander of a side (may give orders to it), or a spectator. */
export type CombatRole = BattleSide | 'spectator';

/** Messages a client sends to a combat room. */
export const CombatClientMessage = {
  /** commanders only: an order for the own side (`CombatCommand`); it applies at the next step */
  Order: 'combat:order',
  /** anyone: ask for the server clock (same as the town room's) */
  Clock: 'clock',
} as const;
export type CombatClientMessageType = (typeof CombatClientMessage)[keyof typeof CombatClientMessage];

/** Messages a combat room sends: `welcome` once after joining, `error` ({@link ErrorMessage}), `clock`. */
export const CombatServerMessage = {
  Welcome: 'welcome',
  Error: 'error',
  Clock: 'clock',
} as const;

export interface CombatWelcomeMessage {
  protocol: number;
  battleId: string;
  role: CombatRole;
  /** server clock (ms since epoch) when this was sent */
  serverTime: number;
}

/** Each client message type of the combat room with its payload validator. */
export const combatClientMessageSchemas = {
  [CombatClientMessage.Order]: combatCommandSchema,
  [CombatClientMessage.Clock]: clockRequestSchema,
} as const satisfies Record<CombatClientMessageType, z.ZodType>;

/**
 * How often the combat room sends a patch. The simulation runs at 10 steps a second; watchers get the state
 * every few steps and glide between patches (positions move in straight lines within a step anyway).
 */
export const LIVE_BATTLE_PATCH_MS = 300;

/** A unit as the room sends it: a `ShipView` without the per-step shot (watchers get a patch every few steps). */
export type LiveBattleShip = Omit<ShipView, 'shot' | 'hit'>;

export interface LiveBattleSide {
  /** the commanding town, '' for pirates */
  townId: string;
  /** shown name: the town's name, or the pirates' */
  name: string;
  retreating: boolean;
  /** enemy id the side focuses on, or -1 */
  focus: number;
}

export interface LiveBattleOrder {
  step: number;
  side: BattleSide;
  kind: 'focus' | 'retreat' | 'engage';
  /** focus only; -1 otherwise */
  targetId: number;
}

/**
 * The combat room's state as a client sees it (the server's schema classes implement these shapes).
 * Numbers are the simulation's integers; `step` is the battle clock (steps simulated so far, 100 ms each),
 * and the step `s` happens at `startedAt + s × stepMs` on the server clock.
 */
export interface LiveBattleState {
  battleId: string;
  /** 'patrol' | 'expedition' | 'raid' */
  kind: string;
  /** server time (ms since epoch) of step 0 */
  startedAt: number;
  stepMs: number;
  step: number;
  maxSteps: number;
  /** '' while running, then 'attacker' | 'defender' | 'draw' */
  winner: string;
  width: number;
  height: number;
  attacker: LiveBattleSide;
  defender: LiveBattleSide;
  /** every unit, keyed by String(id); destroyed and escaped ones stay */
  ships: MapLike<LiveBattleShip>;
  /** every order given so far, in the order given */
  orders: ListLike<LiveBattleOrder>;
}

/** What both a `Map` and a schema `MapSchema` offer. */
export interface MapLike<T> {
  readonly size: number;
  get(key: string): T | undefined;
  forEach(callback: (value: T, key: string) => void): void;
}

/** What both an array and a schema `ArraySchema` offer. */
export interface ListLike<T> {
  readonly length: number;
  forEach(callback: (value: T, index: number) => void): void;
}
