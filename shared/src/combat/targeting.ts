import type { BattleState, CombatShip } from './Battle';

/** A ship re-picks the nearest enemy every this many steps (staggered by id), and at once when its target is gone. */
export const RETARGET_STEPS = 10;
/** A focus order takes the ships within this distance of the focused enemy; the others keep their own fights. */
export const FOCUS_REACH = 4000;

/** Active units of each side, flat (scratch: grown on demand, rewritten every step, nothing carried over). */
let candX = new Float64Array(0);
let candY = new Float64Array(0);
let candId = new Int32Array(0);

/** Every active unit picks its target (positions and statuses do not change during this phase). */
export function retarget(state: BattleState) {
  const ships = state.ships;
  if (candId.length < ships.length) {
    const size = Math.max(ships.length, 2 * candId.length, 64);
    candX = new Float64Array(size);
    candY = new Float64Array(size);
    candId = new Int32Array(size);
  }
  // Active units of each side, in id order, flat: attackers in [0, split), defenders in [split, count).
  let count = 0;
  for (const s of ships) if (s.status === 'active' && s.side === 'attacker') addCandidate(count++, s);
  const split = count;
  for (const s of ships) if (s.status === 'active' && s.side === 'defender') addCandidate(count++, s);
  for (const s of ships) {
    if (s.status !== 'active') continue;
    s.target = s.side === 'attacker' ? chooseTarget(state, s, split, count) : chooseTarget(state, s, 0, split);
  }
}

function addCandidate(k: number, s: CombatShip) {
  candX[k] = s.x;
  candY[k] = s.y;
  candId[k] = s.id;
}

/**
 * The focus target when it is alive and within reach; else the current target until the next re-pick; else
 * the nearest enemy (the lowest id on ties), found among the candidates in [from, to).
 */
function chooseTarget(state: BattleState, ship: CombatShip, from: number, to: number): number {
  if (state.stats[ship.type].attack === 0) return -1;
  const ships = state.ships;
  const focus = state.sides[ship.side].focus;
  if (focus >= 0) {
    const f = ships[focus]!;
    if (f.status === 'active' && f.side !== ship.side && distance2(ship, f) <= FOCUS_REACH * FOCUS_REACH) return focus;
  }
  if (ship.target >= 0 && ships[ship.target]!.status === 'active' && (state.step + ship.id) % RETARGET_STEPS !== 0) return ship.target;
  const x = ship.x;
  const y = ship.y;
  let best = -1;
  let bestD2 = Infinity;
  for (let k = from; k < to; k++) {
    const dx = candX[k]! - x;
    const dy = candY[k]! - y;
    const d2 = dx * dx + dy * dy;
    if (d2 < bestD2) {
      best = k;
      bestD2 = d2;
    }
  }
  return best < 0 ? -1 : candId[best]!;
}

/** Squared distance: exact in integers, so comparisons never depend on rounding. */
export function distance2(a: CombatShip, b: CombatShip): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  return dx * dx + dy * dy;
}

