import type { CombatOrder } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { recentOrders, toldOrder } from './orderCaption';

const names = { attacker: "Vega's Starbase", defender: 'Pirates' };

describe('order captions', () => {
  it('tell an order from the viewer’s side, naming a focus target by its type', () => {
    const focus: CombatOrder = { step: 12, side: 'attacker', kind: 'focus', targetId: 2 };
    const types = ['fighter', 'fighter', 'frigate'] as const;
    expect(toldOrder(focus, 'attacker', names, types)).toBe('You focus fire on a frigate');
    expect(toldOrder(focus, null, names, types)).toBe("Vega's Starbase focuses fire on a frigate");
    expect(toldOrder({ step: 30, side: 'defender', kind: 'retreat' }, 'attacker', names, types)).toBe('Pirates order a retreat');
    expect(toldOrder({ step: 40, side: 'attacker', kind: 'engage' }, 'attacker', names, types)).toBe('You re-engage');
  });

  it('show the last two orders of the past three seconds of battle', () => {
    const orders: CombatOrder[] = [
      { step: 5, side: 'attacker', kind: 'retreat' },
      { step: 50, side: 'attacker', kind: 'engage' },
      { step: 52, side: 'defender', kind: 'retreat' },
      { step: 60, side: 'attacker', kind: 'retreat' },
    ];
    expect(recentOrders(orders, 61)).toEqual(orders.slice(2));
    expect(recentOrders(orders, 100)).toEqual([]);
  });
});
