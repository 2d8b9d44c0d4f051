import type { BattleSide, BattleState, BattleWinner, CombatShip, CombatStatus, CombatUnitType, SideState } from './Battle';

/** What a client draws for one unit; the combat room copies these into its schema state. */
export interface ShipView {
  id: number;
  side: BattleSide;
  type: CombatUnitType;
  x: number;
  y: number;
  hull: number;
  maxHull: number;
  shield: number;
  maxShield: number;
  /** enemy id it goes for, or -1 */
  target: number;
  status: CombatStatus;
  /** enemy id it fired at in the last step (-1: none) and whether that shot hit */
  shot: number;
  hit: boolean;
}

export interface BattleView {
  step: number;
  maxSteps: number;
  winner: BattleWinner | null;
  width: number;
  height: number;
  sides: Record<BattleSide, SideState>;
  ships: ShipView[];
}

export function shipView(state: BattleState, s: CombatShip): ShipView {
  const st = state.stats[s.type];
  return {
    id: s.id,
    side: s.side,
    type: s.type,
    x: s.x,
    y: s.y,
    hull: s.hull,
    maxHull: st.hull,
    shield: s.shield,
    maxShield: st.shieldCapacity,
    target: s.target,
    status: s.status,
    shot: s.shot,
    hit: s.hit,
  };
}

/** A compact, plain snapshot of the battle for clients (every unit, destroyed and escaped ones included). */
export function battleView(state: BattleState): BattleView {
  return {
    step: state.step,
    maxSteps: state.maxSteps,
    winner: state.winner,
    width: state.width,
    height: state.height,
    sides: { attacker: { ...state.sides.attacker }, defender: { ...state.sides.defender } },
    ships: state.ships.map((s) => shipView(state, s)),
  };
}
