import { COMBAT_UNIT_TYPES, type BattleState, type CombatUnitType } from './Battle';
import { sortOrders, type CombatOrder } from './orders';
import { cloneBattle, stepInPlace } from './step';

const NO_ORDERS: readonly CombatOrder[] = [];

/**
 * Runs the battle from `initial` to its end with `orders` (any order; each applies at its own step) and returns
 * the final state; `initial` is not touched. Offline resolution and replays use this; it never runs past
 * `maxSteps`.
 */
export function resolveBattle(initial: BattleState, orders: readonly CombatOrder[] = []): BattleState {
  const state = cloneBattle(initial);
  const byStep = ordersByStep(orders);
  while (state.winner === null) stepInPlace(state, byStep.get(state.step) ?? NO_ORDERS);
  return state;
}

/** Orders grouped by the step they apply at, each group in the canonical order. */
export function ordersByStep(orders: readonly CombatOrder[]): Map<number, CombatOrder[]> {
  const byStep = new Map<number, CombatOrder[]>();
  for (const order of sortOrders(orders)) {
    const group = byStep.get(order.step);
    if (group) group.push(order);
    else byStep.set(order.step, [order]);
  }
  return byStep;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SIDE_CODE = { attacker: 0, defender: 1 } as const;
const STATUS_CODE = { active: 0, destroyed: 1, escaped: 2 } as const;
const WINNER_CODE = { attacker: 0, defender: 1, draw: 2 } as const;
const TYPE_CODE = Object.fromEntries(COMBAT_UNIT_TYPES.map((t, i) => [t, i])) as Record<CombatUnitType, number>;

/** FNV-1a over the four bytes of a 32-bit integer (values are integers already; `| 0` only fixes the width). */
function mix(h: number, value: number): number {
  const v = value | 0;
  h = Math.imul(h ^ (v & 0xff), FNV_PRIME);
  h = Math.imul(h ^ ((v >>> 8) & 0xff), FNV_PRIME);
  h = Math.imul(h ^ ((v >>> 16) & 0xff), FNV_PRIME);
  return Math.imul(h ^ (v >>> 24), FNV_PRIME);
}

/** 32-bit FNV-1a hash of everything in the state (every field is an integer, a flag or an enum). */
export function stateHash(state: BattleState): number {
  let h = FNV_OFFSET;
  h = mix(h, state.version);
  h = mix(h, state.step);
  h = mix(h, state.maxSteps);
  h = mix(h, state.rng);
  h = mix(h, state.winner === null ? -1 : WINNER_CODE[state.winner]);
  h = mix(h, state.width);
  h = mix(h, state.height);
  for (const type of COMBAT_UNIT_TYPES) {
    const st = state.stats[type];
    for (const v of [st.attack, st.hull, st.shieldCapacity, st.shieldRegen, st.range, st.cooldown, st.speed, st.radius, st.evasion, st.tracking]) h = mix(h, v);
  }
  for (const side of [state.sides.attacker, state.sides.defender]) {
    h = mix(h, side.retreating ? 1 : 0);
    h = mix(h, side.focus);
  }
  h = mix(h, state.ships.length);
  for (const s of state.ships) {
    h = mix(h, s.id);
    h = mix(h, SIDE_CODE[s.side]);
    h = mix(h, TYPE_CODE[s.type]);
    h = mix(h, s.x);
    h = mix(h, s.y);
    h = mix(h, s.hull);
    h = mix(h, s.shield);
    h = mix(h, s.cooldown);
    h = mix(h, s.target);
    h = mix(h, STATUS_CODE[s.status]);
    h = mix(h, s.shot);
    h = mix(h, s.hit ? 1 : 0);
  }
  return h >>> 0;
}

/**
 * One hash of the whole run: the state hash of `initial` and of every step after it to the end, chained with
 * FNV-1a, as 8 hex digits. Two engines agree on it only if they agree on every step, bit for bit.
 */
export function replayHash(initial: BattleState, orders: readonly CombatOrder[] = []): string {
  const state = cloneBattle(initial);
  const byStep = ordersByStep(orders);
  let h = mix(FNV_OFFSET, stateHash(state));
  while (state.winner === null) {
    stepInPlace(state, byStep.get(state.step) ?? NO_ORDERS);
    h = mix(h, stateHash(state));
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
