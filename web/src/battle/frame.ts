import type { BattleView } from '@starscape/shared';

/**
 * What `BattleCanvas` draws on one display frame: two consecutive snapshots of the battle (`to.step` is
 * `from.step + 1`, or both are the same snapshot) and how far between them the picture is. Positions are
 * interpolated by `alpha`; shots, hits and deaths are those of `to` (what happened during that step).
 */
export interface BattleFrame {
  from: BattleView;
  to: BattleView;
  /** 0 = at `from`, 1 = at `to` */
  alpha: number;
}

/**
 * Pulled by the canvas once per display refresh with the frame's timestamp (`performance.now()` time base). A
 * replay advances its playhead here; a live view returns its last two snapshots from the combat room and the
 * alpha since the newer one arrived (`liveAlpha`). Null: nothing to show yet.
 */
export type FrameSource = (now: number) => BattleFrame | null;
