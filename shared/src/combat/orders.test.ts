import { describe, expect, it } from 'vitest';
import type { BattleState } from './Battle';
import { arena } from './fixtures';
import { checkOrder, combatCommandSchema, combatOrderSchema, sortOrders, toOrder, type CombatOrder } from './orders';
import { outcome } from './outcome';
import { resolveBattle } from './resolve';
import { FOCUS_REACH, step, stepInPlace } from './step';

function run(state: BattleState, n: number, orders: CombatOrder[] = []): BattleState {
  for (let i = 0; i < n; i++) stepInPlace(state, orders);
  return state;
}

/** Two attacker fighters facing two defender frigates; frigate 2 is the nearer one for both fighters. */
function skirmish(): BattleState {
  return arena([
    { side: 'attacker', type: 'fighter', x: 3000, y: 3000 },
    { side: 'attacker', type: 'fighter', x: 3000, y: 3100 },
    { side: 'defender', type: 'frigate', x: 4000, y: 3050 },
    { side: 'defender', type: 'frigate', x: 4000, y: 4500 },
  ]);
}

describe('focus orders', () => {
  it('send the side ships at the named enemy instead of the nearest one', () => {
    const plain = step(skirmish());
    expect(plain.ships.slice(0, 2).map((s) => s.target)).toEqual([2, 2]);
    const focused = step(skirmish(), [{ step: 0, side: 'attacker', kind: 'focus', targetId: 3 }]);
    expect(focused.sides.attacker.focus).toBe(3);
    expect(focused.ships.slice(0, 2).map((s) => s.target)).toEqual([3, 3]);
    expect(focused.ships.slice(2).map((s) => s.target)).toEqual(plain.ships.slice(2).map((s) => s.target)); // the other side is not affected
  });

  it(`take only the ships within ${FOCUS_REACH} units of the target; the others keep their own fight`, () => {
    const state = arena([
      { side: 'attacker', type: 'fighter', x: 3000, y: 3000 },
      { side: 'attacker', type: 'fighter', x: 200, y: 300 },
      { side: 'defender', type: 'frigate', x: 4000, y: 3000 },
      { side: 'defender', type: 'frigate', x: 500, y: 600 },
    ]);
    const next = step(state, [{ step: 0, side: 'attacker', kind: 'focus', targetId: 2 }]);
    expect(next.ships[0]!.target).toBe(2);
    expect(next.ships[1]!.target).toBe(3);
  });

  it('end when the target is destroyed: the targeting AI takes over', () => {
    const state = skirmish();
    state.ships[3]!.hull = 1;
    state.ships[3]!.shield = 0;
    state.ships[3]!.x = 3400;
    state.ships[3]!.y = 3300;
    run(state, 1, [{ step: 0, side: 'attacker', kind: 'focus', targetId: 3 }]);
    run(state, 10);
    expect(state.ships[3]!.status).toBe('destroyed');
    expect(state.sides.attacker.focus).toBe(-1);
    expect(state.ships[0]!.target).toBe(2);
  });

  it('are ignored when they name an own ship, an unknown id or a destroyed enemy', () => {
    const state = skirmish();
    state.ships[3]!.status = 'destroyed';
    const next = step(state, [
      { step: 0, side: 'attacker', kind: 'focus', targetId: 1 },
      { step: 0, side: 'attacker', kind: 'focus', targetId: 99 },
      { step: 0, side: 'attacker', kind: 'focus', targetId: 3 },
    ]);
    expect(next.sides.attacker.focus).toBe(-1);
  });
});

describe('retreat orders', () => {
  it('fly the side to its own edge; ships that cross it escape and survive, and the side that stays wins', () => {
    const state = arena([
      { side: 'attacker', type: 'fighter', x: 400, y: 3000 },
      { side: 'attacker', type: 'cruiser', x: 300, y: 3300 },
      { side: 'defender', type: 'frigate', x: 6000, y: 3000 },
    ]);
    run(state, 1, [{ step: 0, side: 'attacker', kind: 'retreat' }]);
    expect(state.ships[0]!.x).toBe(400 - 45);
    const final = resolveBattle(state);
    expect(final.ships.slice(0, 2).map((s) => s.status)).toEqual(['escaped', 'escaped']);
    expect(final.ships[0]!.x).toBe(0);
    const result = outcome(final);
    expect(result.winner).toBe('defender');
    expect(result.escaped.attacker).toMatchObject({ fighter: 1, cruiser: 1 });
    expect(result.losses.attacker).toMatchObject({ fighter: 0, cruiser: 0 });
  });

  it('leave turrets in place: they cannot retreat', () => {
    const state = arena([
      { side: 'attacker', type: 'cruiser', x: 1000, y: 3000 },
      { side: 'defender', type: 'fighter', x: 8600, y: 3000 },
      { side: 'defender', type: 'turret', x: 8500, y: 3000 },
    ]);
    const final = resolveBattle(state, [{ step: 0, side: 'defender', kind: 'retreat' }]);
    expect(final.ships[1]!.status).toBe('escaped');
    expect(final.ships[2]!.x).toBe(8500);
    expect(final.ships[2]!.status).not.toBe('escaped');
  });

  it('are cancelled by engage, which also drops a focus', () => {
    const state = skirmish();
    run(state, 1, [
      { step: 0, side: 'attacker', kind: 'retreat' },
      { step: 0, side: 'attacker', kind: 'focus', targetId: 3 },
    ]);
    expect(state.sides.attacker).toEqual({ retreating: true, focus: 3 });
    const x = state.ships[0]!.x;
    run(state, 1, [{ step: 1, side: 'attacker', kind: 'engage' }]);
    expect(state.sides.attacker).toEqual({ retreating: false, focus: -1 });
    expect(state.ships[0]!.x).toBeGreaterThan(x);
  });
});

describe('order application', () => {
  it('applies orders only at the step they name', () => {
    const orders: CombatOrder[] = [{ step: 2, side: 'attacker', kind: 'retreat' }];
    const state = run(skirmish(), 2, orders);
    expect(state.sides.attacker.retreating).toBe(false);
    run(state, 1, orders);
    expect(state.sides.attacker.retreating).toBe(true);
  });

  it('applies the orders of one step by side (attacker first), then in arrival order', () => {
    const a = step(skirmish(), [
      { step: 0, side: 'attacker', kind: 'retreat' },
      { step: 0, side: 'attacker', kind: 'engage' },
    ]);
    expect(a.sides.attacker.retreating).toBe(false);
    const b = step(skirmish(), [
      { step: 0, side: 'attacker', kind: 'engage' },
      { step: 0, side: 'attacker', kind: 'retreat' },
    ]);
    expect(b.sides.attacker.retreating).toBe(true);
    const mixed: CombatOrder[] = [
      { step: 5, side: 'defender', kind: 'retreat' },
      { step: 1, side: 'defender', kind: 'engage' },
      { step: 1, side: 'attacker', kind: 'retreat' },
      { step: 1, side: 'attacker', kind: 'engage' },
    ];
    expect(sortOrders(mixed)).toEqual([mixed[2], mixed[3], mixed[1], mixed[0]]);
  });
});

describe('order validation', () => {
  it('accepts well-formed orders and commands exactly', () => {
    expect(combatOrderSchema.safeParse({ step: 3, side: 'defender', kind: 'focus', targetId: 4 }).success).toBe(true);
    expect(combatOrderSchema.safeParse({ step: 0, side: 'attacker', kind: 'retreat' }).success).toBe(true);
    expect(combatCommandSchema.safeParse({ kind: 'engage' }).success).toBe(true);
    expect(toOrder({ kind: 'focus', targetId: 2 }, 'attacker', 7)).toEqual({ step: 7, side: 'attacker', kind: 'focus', targetId: 2 });
  });

  it('refuses malformed orders: unknown kinds and sides, extra fields, negative or fractional numbers', () => {
    for (const bad of [
      { step: 0, side: 'attacker', kind: 'charge' },
      { step: 0, side: 'pirates', kind: 'retreat' },
      { step: 0, side: 'attacker', kind: 'retreat', targetId: 1 },
      { step: -1, side: 'attacker', kind: 'retreat' },
      { step: 0.5, side: 'attacker', kind: 'engage' },
      { step: 0, side: 'attacker', kind: 'focus' },
      { step: 0, side: 'attacker', kind: 'focus', targetId: 1.5 },
      { step: 0, side: 'attacker', kind: 'focus', targetId: '1' },
      null,
    ]) {
      expect(combatOrderSchema.safeParse(bad).success).toBe(false);
    }
    expect(combatCommandSchema.safeParse({ kind: 'focus', targetId: 1, side: 'defender' }).success).toBe(false);
  });

  it('checks an order against the battle: over, past step, unknown target, own target, target gone', () => {
    const state = skirmish();
    state.step = 5;
    state.ships[3]!.status = 'destroyed';
    const focus = (targetId: number, atStep = 5): CombatOrder => ({ step: atStep, side: 'attacker', kind: 'focus', targetId });
    expect(checkOrder(state, focus(2))).toBeNull();
    expect(checkOrder(state, { step: 5, side: 'attacker', kind: 'retreat' })).toBeNull();
    expect(checkOrder(state, focus(2, 4))).toBe('combat/past-step');
    expect(checkOrder(state, focus(4))).toBe('combat/unknown-target');
    expect(checkOrder(state, focus(1))).toBe('combat/own-target');
    expect(checkOrder(state, focus(3))).toBe('combat/target-gone');
    expect(checkOrder({ ...state, winner: 'draw' }, focus(2))).toBe('combat/over');
  });
});
