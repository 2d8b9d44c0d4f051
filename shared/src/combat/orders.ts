import { z } from 'zod';
import { BATTLE_SIDES, MAX_BATTLE_STEPS, type BattleSide, type BattleState } from './Battle';

/**
 * A player's command to their side, stamped with the step it applies at. `focus` sends the side's ships at
 * one enemy (those within FOCUS_REACH of it, while it lives); `retreat` flies them to their own edge and out;
 * `engage` cancels a retreat (and a focus) and hands the ships back to the targeting AI.
 */
export type CombatOrder =
  | { step: number; side: BattleSide; kind: 'focus'; targetId: number }
  | { step: number; side: BattleSide; kind: 'retreat' }
  | { step: number; side: BattleSide; kind: 'engage' };

/** A command as a client sends it: the room stamps its side (from who sent it) and the step. */
export type CombatCommand = { kind: 'focus'; targetId: number } | { kind: 'retreat' } | { kind: 'engage' };

/** Why an order is refused. Each names one check of `checkOrder`, in the order they run. */
export type CombatErrorCode =
  /** the battle has ended: nothing more to command */
  | 'combat/over'
  /** the order names a step that has already been simulated */
  | 'combat/past-step'
  /** focus named an id that is not a unit of this battle */
  | 'combat/unknown-target'
  /** focus named a unit of the ordering side */
  | 'combat/own-target'
  /** focus named an enemy that is already destroyed or has escaped */
  | 'combat/target-gone';

const step = z.number().int().min(0).max(MAX_BATTLE_STEPS);
const side = z.enum(BATTLE_SIDES);
const targetId = z.number().int().min(0).max(100_000);

/** Validates an order's shape (a stored record, or a room's stamped command); `checkOrder` then checks it against the battle. */
export const combatOrderSchema: z.ZodType<CombatOrder> = z.discriminatedUnion('kind', [
  z.object({ step, side, kind: z.literal('focus'), targetId }).strict(),
  z.object({ step, side, kind: z.literal('retreat') }).strict(),
  z.object({ step, side, kind: z.literal('engage') }).strict(),
]);

/** Validates a client's command payload. */
export const combatCommandSchema: z.ZodType<CombatCommand> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('focus'), targetId }).strict(),
  z.object({ kind: z.literal('retreat') }).strict(),
  z.object({ kind: z.literal('engage') }).strict(),
]);

/** The order a command becomes when `side` gives it for step `atStep` (normally `state.step`, the next one). */
export function toOrder(command: CombatCommand, side: BattleSide, atStep: number): CombatOrder {
  return { ...command, step: atStep, side };
}

/**
 * Why `order` cannot be given in `state`, or null. Checks in order: over, past step, then for focus:
 * unknown target, own target, target gone. `step` itself never fails: an order that became pointless by
 * the time it applies (its target died meanwhile) is simply ignored there.
 */
export function checkOrder(state: BattleState, order: CombatOrder): CombatErrorCode | null {
  if (state.winner !== null) return 'combat/over';
  if (order.step < state.step) return 'combat/past-step';
  if (order.kind !== 'focus') return null;
  const target = state.ships[order.targetId];
  if (!target) return 'combat/unknown-target';
  if (target.side === order.side) return 'combat/own-target';
  if (target.status !== 'active') return 'combat/target-gone';
  return null;
}

/**
 * The canonical application order: by step, then attacker before defender, then arrival (index in `orders`).
 * Stable, so two runs over the same list always apply the same sequence.
 */
export function sortOrders(orders: readonly CombatOrder[]): CombatOrder[] {
  return orders
    .map((order, index) => ({ order, index }))
    .sort((a, b) => a.order.step - b.order.step || sideRank(a.order.side) - sideRank(b.order.side) || a.index - b.index)
    .map((entry) => entry.order);
}

function sideRank(side: BattleSide): number {
  return side === 'attacker' ? 0 : 1;
}
