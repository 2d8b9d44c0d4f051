import {
  BATTLE_SIDES,
  COMBAT_UNIT_TYPES,
  SHIP_INFO,
  shipCombatStats,
  turretStats,
  type BattleSide,
  type BattleView,
  type BattleWinner,
  type CombatOrder,
  type CombatStatus,
  type CombatUnitType,
  type LiveBattleState,
  type ShipView,
  type SideState,
} from '@starscape/shared';

/**
 * The combat room's state (schema instances, read through the `LiveBattleState` shape) → the plain `BattleView`
 * snapshots the canvas draws. The live state carries no shots: they are worked out here from two snapshots in a
 * row (see `deriveShots`).
 */

/**
 * Weapon reach of each unit type in arena units. A turret's real reach depends on the defense level, which the
 * client is not told: every level uses the same platform reach today, so level 1's stands for all.
 */
const RANGE = Object.fromEntries(COMBAT_UNIT_TYPES.map((t) => [t, t === 'turret' ? turretStats(1).range : shipCombatStats(t).range])) as Record<CombatUnitType, number>;
const RADIUS = Object.fromEntries(COMBAT_UNIT_TYPES.map((t) => [t, t === 'turret' ? turretStats(1).radius : SHIP_INFO[t].combat.radius])) as Record<CombatUnitType, number>;
/** Extra reach allowed when judging "in range" from snapshots a few steps apart (ships move meanwhile). */
const REACH_SLACK = 60;

const STATUSES: readonly CombatStatus[] = ['active', 'destroyed', 'escaped'];
const KINDS: readonly CombatOrder['kind'][] = ['focus', 'retreat', 'engage'];

/**
 * The snapshot for `state`, with each unit's `shot` and `hit` derived against `previous` (the snapshot before it;
 * null for the first one, which then shows no shots). Null when the state is not a whole battle yet (before the
 * first patch) or its units are not numbered 0..n−1 (the renderer indexes them by id).
 */
export function toLiveView(state: LiveBattleState, previous: BattleView | null): BattleView | null {
  const count = state.ships.size;
  if (count === 0) return null;
  const ships = new Array<ShipView | undefined>(count);
  let sound = true;
  state.ships.forEach((s) => {
    if (!Number.isInteger(s.id) || s.id < 0 || s.id >= count || ships[s.id] || !(COMBAT_UNIT_TYPES as readonly string[]).includes(s.type)) {
      sound = false;
      return;
    }
    ships[s.id] = {
      id: s.id,
      side: s.side === 'defender' ? 'defender' : 'attacker',
      type: s.type,
      x: s.x,
      y: s.y,
      hull: s.hull,
      maxHull: Math.max(1, s.maxHull),
      shield: s.shield,
      maxShield: s.maxShield,
      target: s.target,
      status: STATUSES.includes(s.status) ? s.status : 'active',
      shot: -1,
      hit: false,
    };
  });
  if (!sound) return null;
  const view: BattleView = {
    step: state.step,
    maxSteps: state.maxSteps,
    winner: toWinner(state.winner),
    width: state.width,
    height: state.height,
    sides: { attacker: sideState(state.attacker), defender: sideState(state.defender) },
    ships: ships as ShipView[],
  };
  if (previous && previous.ships.length === count && previous.step < view.step) deriveShots(previous, view);
  return view;
}

function sideState(side: { retreating: boolean; focus: number }): SideState {
  return { retreating: Boolean(side.retreating), focus: Number.isInteger(side.focus) ? side.focus : -1 };
}

function toWinner(winner: string): BattleWinner | null {
  return winner === 'attacker' || winner === 'defender' || winner === 'draw' ? winner : null;
}

/**
 * Fills in `shot` and `hit` of `to` (in place) from what changed since `from`: an armed unit that was fighting
 * fired at its target (or at the one it had, if that died meanwhile) when the target was within its reach; the
 * shot hit when the target lost shield or hull, or was destroyed. Approximate on purpose: it is for drawing.
 */
export function deriveShots(from: BattleView, to: BattleView): void {
  const before = from.ships;
  const now = to.ships;
  for (const s of now) {
    s.shot = -1;
    s.hit = false;
    const was = before[s.id];
    // a unit destroyed during these steps still fired before it broke (fire is simultaneous)
    if (!was || was.status !== 'active' || (s.status !== 'active' && s.status !== 'destroyed')) continue;
    if (RANGE[s.type] === 0) continue;
    const targetId = s.target >= 0 ? s.target : was.target;
    const t = targetId >= 0 ? now[targetId] : undefined;
    const tBefore = targetId >= 0 ? before[targetId] : undefined;
    if (!t || !tBefore || t.side === s.side || tBefore.status !== 'active') continue;
    if (s.target < 0 && t.status === 'active') continue; // it let go of a target that lives on: no shot
    const reach = RANGE[s.type] + RADIUS[t.type] + REACH_SLACK;
    const d2 = Math.min(dist2(s, t), dist2(was, tBefore));
    if (d2 > reach * reach) continue;
    s.shot = t.id;
    s.hit = t.status === 'destroyed' || t.shield + t.hull < tBefore.shield + tBefore.hull;
  }
}

function dist2(a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  return dx * dx + dy * dy;
}

/** The orders given so far, as the shared `CombatOrder`s (for captions). Malformed entries are skipped. */
export function liveOrders(state: Pick<LiveBattleState, 'orders'>): CombatOrder[] {
  const orders: CombatOrder[] = [];
  state.orders.forEach((o) => {
    if (!KINDS.includes(o.kind) || !(BATTLE_SIDES as readonly string[]).includes(o.side)) return;
    orders.push(o.kind === 'focus' ? { step: o.step, side: o.side, kind: 'focus', targetId: o.targetId } : { step: o.step, side: o.side, kind: o.kind });
  });
  return orders;
}

/** Each side's shown name, with a plain fallback. */
export function liveNames(state: Pick<LiveBattleState, 'attacker' | 'defender'>): Record<BattleSide, string> {
  return { attacker: state.attacker.name || 'Attacker', defender: state.defender.name || 'Defender' };
}
