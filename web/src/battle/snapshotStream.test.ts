import { battleView, cloneBattle, createBattle, stepInPlace, type BattleView } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { SnapshotStream } from './snapshotStream';

/** The battle's snapshot at every step from 0 to `last`. */
function snapshots(last: number): BattleView[] {
  const state = cloneBattle(createBattle({ seed: 9, attacker: { ships: { fighter: 6 } }, defender: { ships: { fighter: 6 } } }));
  const views = [battleView(state)];
  while (state.step < last) {
    stepInPlace(state);
    views.push(battleView(state));
  }
  return views;
}

const STEP_MS = 100;

describe('a live snapshot stream', () => {
  it('has nothing to draw before the first snapshot, then shows it as it is until the picture’s clock reaches it', () => {
    const views = snapshots(10);
    const stream = new SnapshotStream({ stepMs: STEP_MS, delaySteps: 3 });
    expect(stream.frame(0)).toBeNull();
    stream.push(views[4]!, 1000);
    expect(stream.frame(1000)).toEqual({ from: views[4], to: views[4], alpha: 1 });
    expect(stream.frame(1290)).toEqual({ from: views[4], to: views[4], alpha: 1 });
    expect(stream.latest).toBe(views[4]);
  });

  it('glides between snapshots several steps apart over Δsteps × stepMs, a little behind the newest', () => {
    const views = snapshots(20);
    const stream = new SnapshotStream({ stepMs: STEP_MS, delaySteps: 3 });
    stream.push(views[4]!, 1000); // the picture shows step 1 (4 − 3) at t = 1000, reaching 4 at t = 1300
    stream.push(views[7]!, 1300); // 3 steps later, on time
    expect(stream.frame(1300)).toEqual({ from: views[4], to: views[4], alpha: 1 });
    const mid = stream.frame(1400)!;
    expect(mid.from).toBe(views[4]);
    expect(mid.to).toBe(views[7]);
    expect(mid.alpha).toBeCloseTo(1 / 3, 5);
    stream.push(views[9]!, 1500); // 2 steps later
    expect(stream.frame(1600)).toEqual({ from: views[7], to: views[9], alpha: expect.closeTo(0, 5) });
    const glide = stream.frame(1700)!;
    expect(glide.to).toBe(views[9]);
    expect(glide.alpha).toBeCloseTo(0.5, 5);
  });

  it('holds at the newest snapshot when the next one is late (never runs ahead of it)', () => {
    const views = snapshots(20);
    const stream = new SnapshotStream({ stepMs: STEP_MS, delaySteps: 3 });
    stream.push(views[4]!, 1000);
    stream.push(views[7]!, 1300);
    expect(stream.frame(5000)).toEqual({ from: views[4], to: views[7], alpha: 1 });
  });

  it('moves without a jump from one pair of snapshots to the next', () => {
    const views = snapshots(60);
    // patches every 250 ms carry 2 or 3 steps and arrive with up to 40 ms of network jitter
    const jitter = [0, 30, 10, 40, 5, 25, 0, 35, 15, 20, 0, 10, 40, 30, 0, 5, 20, 10, 30, 0];
    const patches = jitter.map((late, k) => ({ view: views[Math.round((k * 250) / STEP_MS)]!, at: 1000 + k * 250 + late }));
    const stream = new SnapshotStream({ stepMs: STEP_MS, delaySteps: 3.5 });
    // the display: 60 frames a second, each patch pushed when it arrives
    let k = 0;
    let lastShown = -Infinity;
    let biggestLeap = 0;
    for (let now = 1000; now <= patches.at(-1)!.at + 1000; now += 1000 / 60) {
      while (k < patches.length && patches[k]!.at <= now) {
        stream.push(patches[k]!.view, patches[k]!.at);
        k++;
      }
      const frame = stream.frame(now)!;
      const shown = frame.from.step + (frame.to.step - frame.from.step) * frame.alpha;
      expect(shown).toBeGreaterThanOrEqual(lastShown - 1e-9); // never backwards
      if (lastShown > -Infinity) biggestLeap = Math.max(biggestLeap, shown - lastShown);
      lastShown = shown;
    }
    expect(lastShown).toBe(patches.at(-1)!.view.step); // it ends on the newest snapshot
    // one display frame is 1/6 of a step at 1×; catching up never makes it leap
    expect(biggestLeap).toBeLessThan(0.5);
  });

  it('a repeat of the same step replaces it; a step back or a jump far ahead (a reconnect) is shown as it is', () => {
    const views = snapshots(60);
    const stream = new SnapshotStream({ stepMs: STEP_MS, delaySteps: 3 });
    stream.push(views[4]!, 1000);
    stream.push(views[7]!, 1300);
    const again = { ...views[7]!, winner: 'attacker' as const };
    stream.push(again, 1310);
    expect(stream.latest).toBe(again);
    stream.push(views[50]!, 1400);
    expect(stream.frame(1400)).toEqual({ from: views[50], to: views[50], alpha: 1 });
    stream.push(views[20]!, 1500);
    expect(stream.frame(1500)).toEqual({ from: views[20], to: views[20], alpha: 1 });
    stream.reset();
    expect(stream.frame(1600)).toBeNull();
  });
});
