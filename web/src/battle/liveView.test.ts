import {
  battleView,
  cloneBattle,
  createBattle,
  stepInPlace,
  type BattleState,
  type BattleView,
  type CombatOrder,
  type LiveBattleOrder,
  type LiveBattleShip,
  type LiveBattleState,
} from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { deriveShots, liveNames, liveOrders, toLiveView } from './liveView';

/** What the combat room's schema state holds for `state`, with plain Maps and arrays standing in for the schemas. */
function liveStateOf(state: BattleState, orders: LiveBattleOrder[] = []): LiveBattleState & { ships: Map<string, LiveBattleShip> } {
  const ships = new Map<string, LiveBattleShip>();
  for (const view of battleView(state).ships) {
    const { shot: _shot, hit: _hit, ...ship } = view;
    ships.set(String(ship.id), ship);
  }
  return {
    battleId: 'b-1',
    kind: 'patrol',
    startedAt: 1_000,
    stepMs: 100,
    step: state.step,
    maxSteps: state.maxSteps,
    winner: state.winner ?? '',
    width: state.width,
    height: state.height,
    attacker: { townId: 't-1', name: "Vega's Starbase", ...state.sides.attacker },
    defender: { townId: '', name: 'Pirates', ...state.sides.defender },
    ships,
    orders,
  };
}

function battle(): BattleState {
  return createBattle({ seed: 77, attacker: { ships: { fighter: 14, frigate: 3 } }, defender: { ships: { fighter: 10, frigate: 2 }, defenseStrength: 2 } });
}

function advance(state: BattleState, steps: number): BattleState {
  const next = cloneBattle(state);
  for (let i = 0; i < steps && next.winner === null; i++) stepInPlace(next);
  return next;
}

describe('the live state mirrored into snapshots', () => {
  it('copies every unit by id, the clock, the sides and the size of the arena', () => {
    const state = advance(battle(), 30);
    const view = toLiveView(liveStateOf(state), null)!;
    const expected = battleView(state);
    expect(view.step).toBe(30);
    expect(view.maxSteps).toBe(state.maxSteps);
    expect(view.winner).toBeNull();
    expect(view.width).toBe(state.width);
    expect(view.sides).toEqual(expected.sides);
    expect(view.ships.map(({ shot: _s, hit: _h, ...rest }) => rest)).toEqual(expected.ships.map(({ shot: _s, hit: _h, ...rest }) => rest));
  });

  it('shows no shots on the first snapshot (nothing to compare with)', () => {
    const view = toLiveView(liveStateOf(advance(battle(), 120)), null)!;
    expect(view.ships.every((s) => s.shot === -1 && !s.hit)).toBe(true);
  });

  it('reads the winner, and nothing for an unknown one', () => {
    const live = liveStateOf(battle());
    expect(toLiveView({ ...live, winner: 'defender' }, null)!.winner).toBe('defender');
    expect(toLiveView({ ...live, winner: 'draw' }, null)!.winner).toBe('draw');
    expect(toLiveView({ ...live, winner: 'nobody' }, null)!.winner).toBeNull();
  });

  it('is null before the first patch and when the units are not numbered 0..n−1', () => {
    const live = liveStateOf(battle());
    expect(toLiveView({ ...live, ships: new Map() }, null)).toBeNull();
    const gappy = new Map(live.ships);
    const last = gappy.get(String(gappy.size - 1))!;
    gappy.delete(String(gappy.size - 1));
    gappy.set('999', { ...last, id: 999 });
    expect(toLiveView({ ...live, ships: gappy }, null)).toBeNull();
  });

  it('lists the orders given, as shared orders, skipping malformed entries', () => {
    const orders: LiveBattleOrder[] = [
      { step: 12, side: 'attacker', kind: 'focus', targetId: 20 },
      { step: 30, side: 'defender', kind: 'retreat', targetId: -1 },
      { step: 31, side: 'defender', kind: 'dance' as 'engage', targetId: -1 },
      { step: 40, side: 'attacker', kind: 'engage', targetId: -1 },
    ];
    const expected: CombatOrder[] = [
      { step: 12, side: 'attacker', kind: 'focus', targetId: 20 },
      { step: 30, side: 'defender', kind: 'retreat' },
      { step: 40, side: 'attacker', kind: 'engage' },
    ];
    expect(liveOrders({ orders })).toEqual(expected);
  });

  it('names the sides, with a fallback for an empty name', () => {
    const live = liveStateOf(battle());
    expect(liveNames(live)).toEqual({ attacker: "Vega's Starbase", defender: 'Pirates' });
    expect(liveNames({ ...live, attacker: { ...live.attacker, name: '' } }).attacker).toBe('Attacker');
  });
});

describe('shots worked out from two snapshots', () => {
  /** Snapshots every `every` steps through a whole battle, converted as the live view does. */
  function stream(every: number): { views: BattleView[]; states: BattleState[] } {
    let state = battle();
    let previous: BattleView | null = null;
    const views: BattleView[] = [];
    const states: BattleState[] = [];
    while (state.winner === null) {
      state = advance(state, every);
      const view: BattleView = toLiveView(liveStateOf(state), previous)!;
      views.push(view);
      states.push(state);
      previous = view;
    }
    return { views, states };
  }

  it('with a snapshot every step, every shot the simulation fired at a living target is drawn at that target', () => {
    const { views, states } = stream(1);
    let fired = 0;
    let drawn = 0;
    for (let i = 1; i < views.length; i++) {
      for (const s of states[i]!.ships) {
        if (s.shot < 0 || s.target !== s.shot) continue;
        fired++;
        if (views[i]!.ships[s.id]!.shot === s.shot) drawn++;
      }
    }
    expect(fired).toBeGreaterThan(200);
    expect(drawn).toBe(fired);
  });

  it('with a snapshot every few steps, the fighting shows shots and hits all along, and no unit fires at its own side', () => {
    const { views } = stream(3);
    const busy = views.filter((v) => v.ships.some((s) => s.shot >= 0));
    expect(busy.length).toBeGreaterThan(views.length / 2);
    expect(views.some((v) => v.ships.some((s) => s.hit))).toBe(true);
    for (const v of views) for (const s of v.ships) if (s.shot >= 0) expect(v.ships[s.shot]!.side).not.toBe(s.side);
  });

  it('a shot hits when its target lost shield or hull, or broke; misses otherwise; out of reach there is no shot', () => {
    const from = battleView(battle());
    const shooter = from.ships.find((s) => s.side === 'attacker' && s.type === 'fighter')!;
    const target = from.ships.find((s) => s.side === 'defender' && s.type === 'fighter')!;
    const place = (view: BattleView, gap: number) => {
      const next = structuredClone(view);
      next.step = view.step + 3;
      next.ships[shooter.id] = { ...next.ships[shooter.id]!, x: 1000, y: 1000, target: target.id };
      next.ships[target.id] = { ...next.ships[target.id]!, x: 1000 + gap, y: 1000 };
      return next;
    };
    const before = place(from, 200);
    before.step = from.step;

    const hurt = place(before, 200);
    hurt.ships[target.id]!.shield -= 5;
    deriveShots(before, hurt);
    expect(hurt.ships[shooter.id]).toMatchObject({ shot: target.id, hit: true });

    const untouched = place(before, 200);
    deriveShots(before, untouched);
    expect(untouched.ships[shooter.id]).toMatchObject({ shot: target.id, hit: false });

    const broken = place(before, 200);
    broken.ships[target.id] = { ...broken.ships[target.id]!, status: 'destroyed', hull: 0, shield: 0 };
    broken.ships[shooter.id]!.target = -1; // the simulation lets go of a dead target
    deriveShots(before, broken);
    expect(broken.ships[shooter.id]).toMatchObject({ shot: target.id, hit: true });

    const farBefore = place(from, 3000);
    farBefore.step = from.step;
    const far = place(farBefore, 3000);
    deriveShots(farBefore, far);
    expect(far.ships[shooter.id]!.shot).toBe(-1);
  });
});
