import {
  ARENA_HEIGHT,
  ARENA_WIDTH,
  battleView,
  cloneBattle,
  createBattle,
  outcome,
  ordersByStep,
  replayHash,
  resolveBattle,
  stepInPlace,
  type BattleState,
  type CombatOrder,
} from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { advancePlayhead, fitArena, formatBattleClock, framePosition, interpolatePoint, lerp, MAX_FRAME_MS } from './interpolate';
import { binLosses } from './lossBins';
import { ReplayEngine, standing } from './replayEngine';
import { outcomeDifference } from './report';
import { ReplayTimeline } from './timeline';

/** A recorded battle as the game server keeps it: the initial state, the orders, and the outcome it resolved to. */
function recordedBattle() {
  const initial = createBattle({ seed: 1234, attacker: { ships: { fighter: 20, frigate: 5 } }, defender: { ships: { fighter: 12, frigate: 2 }, defenseStrength: 2 } });
  const firstDefender = initial.ships.find((s) => s.side === 'defender')!.id;
  const orders: CombatOrder[] = [
    { step: 15, side: 'attacker', kind: 'focus', targetId: firstDefender + 3 },
    { step: 40, side: 'defender', kind: 'retreat' },
    { step: 70, side: 'defender', kind: 'engage' },
  ];
  const stored = outcome(resolveBattle(initial, orders));
  return { initial, orders, stored };
}

/** The state after simulating `steps` steps from the start, one by one: what the server did. */
function playedTo(initial: BattleState, orders: readonly CombatOrder[], steps: number): BattleState {
  const byStep = ordersByStep(orders);
  const state = cloneBattle(initial);
  while (state.step < steps && state.winner === null) stepInPlace(state, byStep.get(state.step) ?? []);
  return state;
}

describe('replaying a recorded battle', () => {
  it('the orders matter (so the test below checks them)', () => {
    const { initial, orders } = recordedBattle();
    expect(replayHash(initial, orders)).not.toBe(replayHash(initial, []));
  });

  it('reaches exactly the recorded outcome, by laying out the timeline and by playing it at speed', () => {
    const { initial, orders, stored } = recordedBattle();
    const timeline = new ReplayTimeline(initial, orders).buildAll();
    expect(outcome(timeline.finalState)).toEqual(stored);
    expect(timeline.end).toBe(stored.steps);

    const engine = new ReplayEngine(new ReplayTimeline(initial, orders));
    engine.setSpeed(8);
    engine.play();
    let frames = 0;
    while (engine.getStatus().playing && frames < 100_000) {
      engine.tick(1000 / 60);
      frames++;
    }
    expect(engine.getStatus()).toMatchObject({ ended: true, playing: false, step: stored.steps });
    const replayed = engine.replayedOutcome();
    expect(replayed).toEqual(stored);
    expect(outcomeDifference(replayed!, stored)).toBeNull();
  });

  it('notices a record whose outcome does not match', () => {
    const { stored } = recordedBattle();
    const tampered = structuredClone(stored);
    tampered.losses.attacker.fighter += 1;
    expect(outcomeDifference(stored, tampered)).toMatch(/attacker fighter losses/);
    expect(outcomeDifference(stored, { ...stored, winner: stored.winner === 'attacker' ? 'defender' : 'attacker' })).toMatch(/^winner/);
  });

  it('seeking to step N shows the same battle as playing to N', () => {
    const { initial, orders, stored } = recordedBattle();
    for (const n of [0, 1, 7, 19, 20, 21, 64, Math.floor(stored.steps / 2), stored.steps - 1, stored.steps]) {
      const seeker = new ReplayEngine(new ReplayTimeline(initial, orders, { interval: 8 }));
      seeker.seek(stored.steps); // go to the end first, so the seek back restores from a checkpoint
      seeker.seek(n);

      const player = new ReplayEngine(new ReplayTimeline(initial, orders));
      player.play();
      for (let i = 0; i < n; i++) player.tick(100); // 100 ms at 1× is exactly one step

      expect(seeker.getStatus().step).toBe(n);
      expect(player.getStatus().step).toBe(n);
      expect(seeker.frame().to).toEqual(player.frame().to);
      expect(seeker.frame().from).toEqual(player.frame().from);
      expect(seeker.frame().to).toEqual(battleView(playedTo(initial, orders, n)));
    }
  });

  it('a frame is the step before and the step after the playhead', () => {
    const { initial, orders } = recordedBattle();
    const engine = new ReplayEngine(new ReplayTimeline(initial, orders));
    engine.seek(12.25);
    const frame = engine.frame();
    expect(frame.from.step).toBe(12);
    expect(frame.to.step).toBe(13);
    expect(frame.alpha).toBeCloseTo(0.25);
    expect(frame.to).toEqual(battleView(playedTo(initial, orders, 13)));
  });

  it('keeps at most maxCheckpoints states however long the battle, and still reaches every step exactly', () => {
    // haulers' token guns never beat their shields' regeneration: a draw at the step limit
    const initial = createBattle({ seed: 99, attacker: { ships: { hauler: 3 } }, defender: { ships: { hauler: 2 } }, maxSteps: 900 });
    const timeline = new ReplayTimeline(initial, [], { maxCheckpoints: 6, interval: 5 }).buildAll();
    expect(timeline.checkpointCount).toBeLessThanOrEqual(6);
    expect(timeline.end).toBe(900);
    expect(timeline.checkpointInterval).toBeGreaterThanOrEqual(Math.ceil(timeline.end / 6));
    for (const n of [0, 3, 149, 150, 151, 449, timeline.end]) {
      expect(battleView(timeline.stateAt(n))).toEqual(battleView(playedTo(initial, [], n)));
    }
  });

  it('stateAt hands out a fresh state every time (mutating it changes nothing kept)', () => {
    const { initial, orders } = recordedBattle();
    const timeline = new ReplayTimeline(initial, orders).buildAll();
    const a = timeline.stateAt(30);
    a.ships[0]!.hull = -5;
    expect(timeline.stateAt(30)).toEqual(playedTo(initial, orders, 30));
    expect(initial).toEqual(createBattle({ seed: 1234, attacker: { ships: { fighter: 20, frigate: 5 } }, defender: { ships: { fighter: 12, frigate: 2 }, defenseStrength: 2 } }));
  });

  it('counts each side’s losses step by step, adding up to the recorded losses', () => {
    const { initial, orders, stored } = recordedBattle();
    const timeline = new ReplayTimeline(initial, orders).buildAll();
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    const shipLosses = (side: 'attacker' | 'defender') => Object.values(stored.losses[side]).reduce((a, b) => a + b, 0);
    expect(timeline.losses.attacker).toHaveLength(stored.steps);
    expect(sum(timeline.losses.attacker)).toBe(shipLosses('attacker'));
    expect(sum(timeline.losses.defender)).toBe(shipLosses('defender') + stored.turrets.destroyed);
    expect(sum(binLosses(timeline.losses.defender, 40))).toBe(sum(timeline.losses.defender));
  });

  it('the standing counts active units and their hull per side', () => {
    const { initial, orders, stored } = recordedBattle();
    const end = standing(battleView(resolveBattle(initial, orders)));
    const survivors = (side: 'attacker' | 'defender') => Object.values(stored.survivors[side]).reduce((a, b) => a + b, 0);
    expect(end.attacker.active).toBe(survivors('attacker'));
    expect(end.defender.active).toBe(survivors('defender') + stored.turrets.total - stored.turrets.destroyed);
    expect(end.attacker.total).toBe(25);
  });

  it('play at the end starts over; pause holds the playhead', () => {
    const { initial, orders } = recordedBattle();
    const engine = new ReplayEngine(new ReplayTimeline(initial, orders));
    engine.seek(engine.end);
    expect(engine.getStatus().ended).toBe(true);
    engine.play();
    expect(engine.getStatus()).toMatchObject({ step: 0, playing: true, ended: false });
    engine.tick(250);
    engine.pause();
    const at = engine.position;
    engine.tick(1000);
    expect(engine.position).toBe(at);
  });
});

describe('interpolation and playback math', () => {
  it('lerp and points between snapshots', () => {
    expect(lerp(10, 20, 0)).toBe(10);
    expect(lerp(10, 20, 1)).toBe(20);
    expect(lerp(10, 20, 0.25)).toBe(12.5);
    expect(interpolatePoint({ x: 0, y: 100 }, { x: 40, y: 60 }, 0.5)).toEqual({ x: 20, y: 80 });
  });

  it('the playhead moves 10 steps a second times the speed, never past the end, never more than one long frame', () => {
    expect(advancePlayhead(0, 100, 1, 1000)).toBeCloseTo(1);
    expect(advancePlayhead(0, 100, 8, 1000)).toBeCloseTo(8);
    expect(advancePlayhead(5, 1000 / 60, 2, 1000)).toBeCloseTo(5 + 1 / 3);
    expect(advancePlayhead(995, 1000, 8, 1000)).toBe(1000);
    expect(advancePlayhead(0, 60_000, 1, 10_000)).toBeCloseTo((MAX_FRAME_MS * 10) / 1000);
    expect(advancePlayhead(3, -50, 1, 100)).toBe(3);
  });

  it('a fractional playhead falls between step ⌈p⌉ − 1 and ⌈p⌉', () => {
    expect(framePosition(0, 0)).toEqual({ to: 0, alpha: 1 });
    expect(framePosition(0.3, 0)).toEqual({ to: 1, alpha: expect.closeTo(0.3) });
    expect(framePosition(4, 0)).toEqual({ to: 4, alpha: 1 });
    expect(framePosition(4.75, 0)).toEqual({ to: 5, alpha: expect.closeTo(0.75) });
  });

  it('the arena fits its box with the aspect kept, centred, inside the padding', () => {
    const fit = fitArena(1200, 800, ARENA_WIDTH, ARENA_HEIGHT, 30);
    expect(fit.scale).toBeCloseTo((800 - 60) / ARENA_HEIGHT);
    expect(fit.offsetY).toBeCloseTo(30);
    expect(fit.offsetX).toBeCloseTo((1200 - ARENA_WIDTH * fit.scale) / 2);
    const narrow = fitArena(390, 800, ARENA_WIDTH, ARENA_HEIGHT, 10);
    expect(narrow.scale).toBeCloseTo(370 / ARENA_WIDTH);
    expect(narrow.offsetX).toBeCloseTo(10);
  });

  it('the battle clock reads simulated minutes and seconds', () => {
    expect(formatBattleClock(0)).toBe('0:00');
    expect(formatBattleClock(165)).toBe('0:16');
    expect(formatBattleClock(3000)).toBe('5:00');
  });
});
