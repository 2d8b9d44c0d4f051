import { createRng } from '../random';
import { BATTLE_SIDES, DAMAGE_SPREAD_PERCENT as SPREAD, type BattleState, type BattleWinner, type CombatShip } from './Battle';
import { move } from './movement';
import { sortOrders, type CombatOrder } from './orders';
import { distance2, retarget } from './targeting';

export { FOCUS_REACH, RETARGET_STEPS } from './targeting';

/**
 * Advances a battle by one step (100 ms) and returns the new state; `state` is not touched. `orders` may hold
 * orders for any step: only those with `order.step === state.step` apply, before the step, in the canonical
 * order (`sortOrders`). A finished battle is returned as is.
 */
export function step(state: BattleState, orders: readonly CombatOrder[] = []): BattleState {
  if (state.winner !== null) return state;
  return stepInPlace(cloneBattle(state), orders);
}

/** A copy that shares nothing mutable with `state` (stats are never written, so they are shared). */
export function cloneBattle(state: BattleState): BattleState {
  return {
    ...state,
    sides: { attacker: { ...state.sides.attacker }, defender: { ...state.sides.defender } },
    ships: state.ships.map(copyShip),
  };
}

function copyShip(s: CombatShip): CombatShip {
  return { id: s.id, side: s.side, type: s.type, x: s.x, y: s.y, hull: s.hull, shield: s.shield, cooldown: s.cooldown, target: s.target, status: s.status, shot: s.shot, hit: s.hit };
}

/**
 * `step`, writing into `state` instead of copying it (what `resolveBattle` and a room that owns its state use).
 * Within a step, in this order: orders → shield regeneration and reloading → targeting → movement (toward the
 * target until in reach, or to the own edge when retreating or when the side has no armed unit left, plus a
 * push apart from overlapping hulls) →
 * every ready ship fires at its target if in reach (ships hit this step still fire: fire is simultaneous) →
 * broken hulls are destroyed → the battle is judged. Returns `state`.
 */
export function stepInPlace(state: BattleState, orders: readonly CombatOrder[] = []): BattleState {
  if (state.winner !== null) return state;
  const due = orders.filter((o) => o.step === state.step);
  if (due.length > 0) applyOrders(state, sortOrders(due));
  const { ships, stats } = state;
  for (const s of ships) {
    s.shot = -1;
    s.hit = false;
    if (s.status !== 'active') continue;
    const st = stats[s.type];
    if (s.shield < st.shieldCapacity) s.shield = Math.min(st.shieldCapacity, s.shield + st.shieldRegen);
    if (s.cooldown > 0) s.cooldown--;
  }
  retarget(state);
  // A side with no gun left cannot win by staying: its unarmed ships run for their edge as if ordered to.
  let attackerArmed = false;
  let defenderArmed = false;
  for (const s of ships) {
    if (s.status !== 'active' || stats[s.type].attack === 0) continue;
    if (s.side === 'attacker') attackerArmed = true;
    else defenderArmed = true;
  }
  move(state, {
    attacker: state.sides.attacker.retreating || !attackerArmed,
    defender: state.sides.defender.retreating || !defenderArmed,
  });
  fire(state);
  for (const s of ships) {
    if (s.status === 'active' && s.hull <= 0) {
      s.status = 'destroyed';
      s.hull = 0;
      s.shield = 0;
      s.cooldown = 0;
      s.target = -1;
    }
  }
  for (const s of ships) if (s.target >= 0 && ships[s.target]!.status !== 'active') s.target = -1;
  for (const side of BATTLE_SIDES) {
    const focus = state.sides[side].focus;
    if (focus >= 0 && ships[focus]!.status !== 'active') state.sides[side].focus = -1;
  }
  state.step++;
  state.winner = judgeBattle(state);
  return state;
}

/**
 * The battle's result if it is over, else null. Over when a side has no unit left in the arena (it wins if
 * the other still has one; both empty is a draw), when no unit left can fire at all (a draw), or at the step
 * limit (a draw: the attacker failed to take the field, so nothing is looted).
 */
export function judgeBattle(state: BattleState): BattleWinner | null {
  let attackers = 0;
  let defenders = 0;
  let armed = false;
  for (const s of state.ships) {
    if (s.status !== 'active') continue;
    if (s.side === 'attacker') attackers++;
    else defenders++;
    if (state.stats[s.type].attack > 0) armed = true;
  }
  if (attackers === 0 || defenders === 0) return attackers > 0 ? 'attacker' : defenders > 0 ? 'defender' : 'draw';
  if (!armed || state.step >= state.maxSteps) return 'draw';
  return null;
}

/** Applies orders already filtered to this step and sorted. Orders that no longer make sense are ignored. */
function applyOrders(state: BattleState, orders: readonly CombatOrder[]) {
  for (const order of orders) {
    const side = state.sides[order.side];
    if (!side) continue;
    switch (order.kind) {
      case 'focus': {
        const target = state.ships[order.targetId];
        if (target && target.side !== order.side && target.status === 'active') side.focus = target.id;
        break;
      }
      case 'retreat':
        side.retreating = true;
        break;
      case 'engage':
        side.retreating = false;
        side.focus = -1;
        break;
    }
  }
}

/**
 * Every ready, armed unit shoots its target if it is within reach, in id order. One draw of the generator per
 * shot decides both the hit (it misses with the target's evasion less the shooter's tracking, in percent) and
 * the spread of the damage; the shield pool absorbs first, the rest comes off the hull.
 */
function fire(state: BattleState) {
  const { ships, stats } = state;
  const rng = createRng(state.rng);
  for (const s of ships) {
    if (s.status !== 'active' || s.cooldown > 0 || s.target < 0) continue;
    const st = stats[s.type];
    if (st.attack === 0) continue;
    const t = ships[s.target]!;
    if (t.status !== 'active') continue;
    const ts = stats[t.type];
    const reach = st.range + ts.radius;
    if (distance2(s, t) > reach * reach) continue;
    s.cooldown = st.cooldown;
    s.shot = t.id;
    const roll = rng.next();
    if (roll % 100 < ts.evasion - st.tracking) continue;
    s.hit = true;
    const spread = (Math.floor(roll / 100) % (2 * SPREAD + 1)) - SPREAD;
    const damage = Math.floor((st.attack * (100 + spread)) / 100);
    const absorbed = Math.min(t.shield, damage);
    t.shield -= absorbed;
    t.hull -= damage - absorbed;
  }
  state.rng = rng.state;
}
