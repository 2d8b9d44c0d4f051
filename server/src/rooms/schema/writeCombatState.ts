import type { BattleState, CombatOrder } from '@starscape/shared';
import { CombatOrderState, CombatShipState, type CombatState } from './CombatState';

/** Arena units a ship may drift from its last sent position before the position is sent again. */
export const POSITION_DEADBAND = 30;

/** Sets a field only when its value changed, so an unchanged field is never sent. */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  if (target[key] !== value) target[key] = value;
}

/**
 * Copies the simulation into the room state: the clock, both sides' orders in force, and every unit. Called
 * once per patch, not per step: a ship that moved over several steps is one change.
 */
export function writeCombatState(state: CombatState, battle: BattleState): void {
  assign(state, 'step', battle.step);
  assign(state, 'maxSteps', battle.maxSteps);
  assign(state, 'winner', battle.winner ?? '');
  assign(state, 'width', battle.width);
  assign(state, 'height', battle.height);
  assign(state.attacker, 'retreating', battle.sides.attacker.retreating);
  assign(state.attacker, 'focus', battle.sides.attacker.focus);
  assign(state.defender, 'retreating', battle.sides.defender.retreating);
  assign(state.defender, 'focus', battle.sides.defender.focus);
  for (const ship of battle.ships) {
    const key = String(ship.id);
    let entry = state.ships.get(key);
    if (!entry) {
      const stats = battle.stats[ship.type];
      entry = new CombatShipState();
      entry.id = ship.id;
      entry.side = ship.side;
      entry.type = ship.type;
      entry.maxHull = stats.hull;
      entry.maxShield = stats.shieldCapacity;
      state.ships.set(key, entry);
    }
    // a small drift (ships nudging each other apart) waits until it adds up or the ship is done moving:
    // watchers glide between patches anyway, and the final patch is exact
    const exact = battle.winner !== null || ship.status !== 'active';
    if (exact || Math.abs(entry.x - ship.x) >= POSITION_DEADBAND || Math.abs(entry.y - ship.y) >= POSITION_DEADBAND) {
      assign(entry, 'x', ship.x);
      assign(entry, 'y', ship.y);
    }
    assign(entry, 'hull', ship.hull);
    assign(entry, 'shield', ship.shield);
    assign(entry, 'target', ship.target);
    assign(entry, 'status', ship.status);
  }
}

/** Adds an order to the state's log (orders are only ever appended). */
export function appendOrderState(state: CombatState, order: CombatOrder): void {
  const entry = new CombatOrderState();
  entry.step = order.step;
  entry.side = order.side;
  entry.kind = order.kind;
  entry.targetId = order.kind === 'focus' ? order.targetId : -1;
  state.orders.push(entry);
}
