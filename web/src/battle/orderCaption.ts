import type { CombatOrder } from '@starscape/shared';

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
