import type { BattleSide, CombatOrder, CombatUnitType } from '@starscape/shared';
import { UNIT_SHAPES } from './shapes';

/** How long an order's caption stays over the arena, in steps (3 s of battle). */
export const ORDER_CAPTION_STEPS = 30;

/** The orders given in the last ORDER_CAPTION_STEPS before `step` (at most two, the latest last). */
export function recentOrders(orders: readonly CombatOrder[], step: number): CombatOrder[] {
  return orders.filter((o) => o.step < step && step - o.step <= ORDER_CAPTION_STEPS).slice(-2);
}

/** A caption sentence: "You order a retreat", "Pirates focus fire on a frigate", "Nova's Starbase re-engages". */
export function orderCaption(order: CombatOrder, subject: string, plural: boolean, targetName?: string): string {
  const s = plural ? '' : 's';
  switch (order.kind) {
    case 'focus':
      return `${subject} focus${plural ? '' : 'es'} fire${targetName ? ` on a ${targetName.toLowerCase()}` : ''}`;
    case 'retreat':
      return `${subject} order${s} a retreat`;
    case 'engage':
      return `${subject} re-engage${s}`;
  }
}

/**
 * An order told from the viewer's side: "You order a retreat" for their own, "Pirates focus fire on a frigate"
 * for the other's. `types` gives each unit's type by id (to name a focus target).
 */
export function toldOrder(order: CombatOrder, viewerSide: BattleSide | null, names: Record<BattleSide, string>, types: readonly CombatUnitType[]): string {
  const own = viewerSide === order.side;
  return orderCaption(order, own ? 'You' : names[order.side], own || names[order.side] === 'Pirates', order.kind === 'focus' ? UNIT_SHAPES[types[order.targetId] ?? 'fighter'].name : undefined);
}
