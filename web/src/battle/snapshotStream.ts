import { STEPS_PER_SECOND, type BattleView } from '@starscape/shared';
import type { BattleFrame } from './frame';
import { liveAlpha } from './interpolate';

/**
 * Turns battle snapshots that arrive one step at a time (a live `combat` room) into `BattleCanvas` frames:
 * the picture runs one step behind the newest snapshot and glides from the one before it to it over a step's
 * time, so motion stays smooth between network patches. A snapshot that skips steps or goes back (a reconnect)
 * is shown as it is, without gliding.
 *
 *   const stream = new SnapshotStream();
 *   room.onStateChange((state) => stream.push(toBattleView(state)));
 *   <BattleCanvas frame={stream.frame} label="Live battle" onShipClick={(id) => room.send('combat:order', { kind: 'focus', targetId: id })} />
 */
export class SnapshotStream {
  private previous: BattleView | null = null;
  private latest: BattleView | null = null;
  private latestAt = 0;

  /** `stepMs`: wall time between snapshots (100 ms at the simulation's 10 steps a second). */
  constructor(private readonly stepMs = 1000 / STEPS_PER_SECOND) {}

  /** A new snapshot, received at `at` (performance.now() time base). A repeat of the same step replaces it. */
  push(view: BattleView, at: number = performance.now()): void {
    if (this.latest && view.step === this.latest.step) {
      this.latest = view;
      return;
    }
    this.previous = this.latest && view.step === this.latest.step + 1 ? this.latest : null;
    this.latest = view;
    this.latestAt = at;
  }

  /** The frame to draw at `now`; null until the first snapshot. */
  frame = (now: number): BattleFrame | null => {
    const to = this.latest;
    if (!to) return null;
    if (!this.previous) return { from: to, to, alpha: 1 };
    return { from: this.previous, to, alpha: liveAlpha(now - this.latestAt, this.stepMs) };
  };
}
