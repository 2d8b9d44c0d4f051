import { LIVE_BATTLE_PATCH_MS, STEPS_PER_SECOND, type BattleView } from '@starscape/shared';
import type { BattleFrame } from './frame';
import { clamp } from './interpolate';

export interface SnapshotStreamOptions {
  /** wall time of one battle step (100 ms at the simulation's 10 steps a second) */
  stepMs?: number;
  /**
   * How far the picture runs behind the newest snapshot, in steps: one patch interval plus a step of margin, so
   * the next snapshot is normally in before the picture reaches the newest one.
   */
  delaySteps?: number;
  /** a snapshot further ahead than this (a reconnect after a while) is shown as it is instead of glided to */
  maxGlideSteps?: number;
}

/** How gently the picture's clock is pulled back into step with the snapshots: the error is halved in about this many steps. */
const CORRECTION_STEPS = 20;
/** The picture's clock never runs slower or faster than this while catching up. */
const MIN_RATE = 0.5;
const MAX_RATE = 2;

/**
 * Turns battle snapshots that arrive over the network (a live `combat` room sends one every few steps) into
 * `BattleCanvas` frames. The picture plays the battle on its own clock, a little behind the newest snapshot,
 * gliding between the two buffered snapshots around it: snapshots Δ steps apart take Δ × stepMs to cross, so
 * motion runs at the battle's own pace whatever the patch rate. The clock is nudged a little faster or slower
 * to stay that far behind; it holds at the newest snapshot when the next one is late (never extrapolates).
 * A snapshot that goes back, or jumps far ahead (a reconnect), is shown as it is.
 *
 *   const stream = new SnapshotStream();
 *   room.onStateChange((state) => stream.push(toLiveView(state, previous)));
 *   <BattleCanvas frame={stream.frame} label="Live battle" />
 */
export class SnapshotStream {
  private readonly stepMs: number;
  private readonly delay: number;
  private readonly maxGlide: number;
  /** snapshots not yet played past, oldest first (normally two or three) */
  private buffer: BattleView[] = [];
  /** the picture's clock: at wall time `anchorAt` it showed step `anchorStep`, and runs at `rate` since */
  private anchorStep = 0;
  private anchorAt = 0;
  private rate = 1;

  constructor(options: SnapshotStreamOptions = {}) {
    this.stepMs = options.stepMs ?? 1000 / STEPS_PER_SECOND;
    this.delay = options.delaySteps ?? LIVE_BATTLE_PATCH_MS / this.stepMs + 1;
    this.maxGlide = options.maxGlideSteps ?? 12;
  }

  /** The newest snapshot, or null. */
  get latest(): BattleView | null {
    return this.buffer.at(-1) ?? null;
  }

  /** A new snapshot, received at `at` (performance.now() time base). A repeat of the same step replaces it. */
  push(view: BattleView, at: number = performance.now()): void {
    const last = this.buffer.at(-1);
    if (last && view.step === last.step) {
      this.buffer[this.buffer.length - 1] = view;
      return;
    }
    if (!last || view.step < last.step || view.step - last.step > this.maxGlide) {
      // the first snapshot, or a jump: shown as is until the picture's clock reaches it
      this.buffer = [view];
      this.setClock(view.step - this.delay, at, 1);
      return;
    }
    this.buffer.push(view);
    const shown = this.playhead(at);
    const error = view.step - this.delay - shown;
    if (Math.abs(error) > this.maxGlide) this.setClock(view.step - this.delay, at, 1);
    else this.setClock(shown, at, clamp(1 + error / CORRECTION_STEPS, MIN_RATE, MAX_RATE));
    // forget what the picture has played past (keep the pair it is between, and a step of margin: a display
    // frame's timestamp may be a little older than this push)
    const now = this.playhead(at) - 1;
    while (this.buffer.length > 2 && this.buffer[1]!.step <= now) this.buffer.shift();
  }

  /** Forgets every snapshot (the next one is shown as is). */
  reset(): void {
    this.buffer = [];
  }

  /** The frame to draw at `now`; null until the first snapshot. */
  frame = (now: number): BattleFrame | null => {
    const buffer = this.buffer;
    const last = buffer.at(-1);
    if (!last) return null;
    const p = this.playhead(now);
    if (p >= last.step) return { from: buffer.at(-2) ?? last, to: last, alpha: 1 };
    const first = buffer[0]!;
    if (p <= first.step) return { from: first, to: first, alpha: 1 };
    let i = 0;
    while (buffer[i + 1]!.step <= p) i++;
    const from = buffer[i]!;
    const to = buffer[i + 1]!;
    return { from, to, alpha: clamp((p - from.step) / (to.step - from.step), 0, 1) };
  };

  /** The step the picture shows at `now` (fractional; not clamped to the snapshots). */
  playhead(now: number): number {
    return this.anchorStep + ((now - this.anchorAt) * this.rate) / this.stepMs;
  }

  private setClock(step: number, at: number, rate: number) {
    this.anchorStep = step;
    this.anchorAt = at;
    this.rate = rate;
  }
}
