import { battleView, outcome, stepInPlace, type BattleOutcome, type BattleSide, type BattleState, type BattleView } from '@starscape/shared';
import type { BattleFrame } from './frame';
import { advancePlayhead, clamp, framePosition, type PlaybackSpeed } from './interpolate';
import type { ReplayTimeline } from './timeline';

/** Units still in the fight on one side, and their hull left, at the step shown. */
export interface SideStanding {
  active: number;
  total: number;
  hull: number;
  maxHull: number;
}

/** What the controls show; a new object whenever one of its fields changes (for `useSyncExternalStore`). */
export interface ReplayStatus {
  /** the step shown (the playhead rounded up) */
  step: number;
  start: number;
  end: number;
  playing: boolean;
  speed: PlaybackSpeed;
  /** the playhead is at the last step */
  ended: boolean;
  standing: Record<BattleSide, SideStanding>;
}

/**
 * Plays a built `ReplayTimeline`: a fractional playhead advanced by wall time × speed, a working state stepped
 * forward with the shared `stepInPlace` as the playhead passes each step, and the two snapshots around the
 * playhead for `BattleCanvas`. Seeking restores the nearest checkpoint and simulates forward. No DOM: the
 * React player calls `tick` from the canvas's frame callback and renders `getStatus()`.
 */
export class ReplayEngine {
  private playhead: number;
  private state: BattleState;
  private fromView: BattleView;
  private toView: BattleView;
  private status: ReplayStatus;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly timeline: ReplayTimeline,
    options: { speed?: PlaybackSpeed } = {},
  ) {
    timeline.buildAll();
    this.playhead = timeline.start;
    this.state = timeline.stateAt(timeline.start);
    this.toView = battleView(this.state);
    this.fromView = this.toView;
    this.status = this.computeStatus(false, options.speed ?? 1);
  }

  get start(): number {
    return this.timeline.start;
  }

  get end(): number {
    return this.timeline.end;
  }

  /** The playhead, a fractional step. */
  get position(): number {
    return this.playhead;
  }

  getStatus = (): ReplayStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Advances by `elapsedMs` of wall time if playing; stops at the end. */
  tick(elapsedMs: number): void {
    if (!this.status.playing) return;
    this.moveTo(advancePlayhead(this.playhead, elapsedMs, this.status.speed, this.end));
    this.update(this.playhead >= this.end ? { playing: false } : {});
  }

  /** The snapshots around the playhead. */
  frame(): BattleFrame {
    return { from: this.fromView, to: this.toView, alpha: framePosition(this.playhead, this.start).alpha };
  }

  /** Jumps to `step` (clamped to the battle); a fractional step lands between two steps. */
  seek(step: number): void {
    this.moveTo(clamp(step, this.start, this.end));
    this.update({});
  }

  play(): void {
    if (this.playhead >= this.end) this.moveTo(this.start);
    this.update({ playing: true });
  }

  pause(): void {
    this.update({ playing: false });
  }

  toggle(): void {
    if (this.status.playing) this.pause();
    else this.play();
  }

  setSpeed(speed: PlaybackSpeed): void {
    this.update({ speed });
  }

  /** The outcome of the battle as this replay reached it: null until the playhead is at the end. */
  replayedOutcome(): BattleOutcome | null {
    return this.playhead >= this.end ? outcome(this.state) : null;
  }

  /** The state at the step shown; read only. */
  get current(): BattleState {
    return this.state;
  }

  private moveTo(playhead: number) {
    this.playhead = playhead;
    const { to } = framePosition(playhead, this.start);
    if (to === this.state.step) return;
    if (to < this.state.step || to - this.state.step > this.timeline.checkpointInterval) {
      // backwards, or far ahead: restart from the checkpoint before `to − 1`
      this.state = this.timeline.stateAt(Math.max(this.start, to - 1));
    }
    while (this.state.step < to - 1) stepInPlace(this.state, this.timeline.ordersAt(this.state.step));
    if (this.state.step === to) {
      // only at the very first step (nothing before it)
      this.toView = battleView(this.state);
      this.fromView = this.toView;
      return;
    }
    this.fromView = battleView(this.state);
    stepInPlace(this.state, this.timeline.ordersAt(this.state.step));
    this.toView = battleView(this.state);
  }

  private update(change: Partial<Pick<ReplayStatus, 'playing' | 'speed'>>) {
    const playing = change.playing ?? this.status.playing;
    const speed = change.speed ?? this.status.speed;
    const s = this.status;
    if (s.step === this.state.step && s.playing === playing && s.speed === speed && s.ended === this.playhead >= this.end) return;
    this.status = this.computeStatus(playing, speed);
    for (const listener of this.listeners) listener();
  }

  private computeStatus(playing: boolean, speed: PlaybackSpeed): ReplayStatus {
    return {
      step: this.state.step,
      start: this.start,
      end: this.end,
      playing,
      speed,
      ended: this.playhead >= this.end,
      standing: standing(this.toView),
    };
  }
}

/** Active units and hull left per side in a snapshot. */
export function standing(view: BattleView): Record<BattleSide, SideStanding> {
  const side = (): SideStanding => ({ active: 0, total: 0, hull: 0, maxHull: 0 });
  const result = { attacker: side(), defender: side() };
  for (const s of view.ships) {
    const r = result[s.side];
    r.total++;
    r.maxHull += s.maxHull;
    if (s.status === 'active') {
      r.active++;
      r.hull += s.hull;
    }
  }
  return result;
}
