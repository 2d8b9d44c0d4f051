import type { BattleView } from '@starscape/shared';

/**
 * What `BattleCanvas` draws on one display frame: two snapshots of the battle (consecutive steps in a replay; a
 * few steps apart in a live battle, whose room sends a patch every few steps; or both the same snapshot) and how
 * far between them the picture is. Positions are interpolated by `alpha`; shots, hits and deaths are those of
 * `to` (what happened on the way to it).
 */
export interface BattleFrame {
  from: BattleView;
  to: BattleView;
  /** 0 = at `from`, 1 = at `to` */
  alpha: number;
}

/**
 * Pulled by the canvas once per display refresh with the frame's timestamp (`performance.now()` time base). A
 * replay advances its playhead here; a live view returns the two snapshots from the combat room its own clock
 * is between (`SnapshotStream`). Null: nothing to show yet.
 */
export type FrameSource = (now: number) => BattleFrame | null;
