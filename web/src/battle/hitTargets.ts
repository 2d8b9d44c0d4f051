import type { BattleSide } from '@starscape/shared';

/** The active units as the canvas last drew them, in CSS pixels: what a tap or a click can hit. */
export class HitTargets {
  private readonly xs: number[] = [];
  private readonly ys: number[] = [];
  private readonly ids: number[] = [];
  private readonly sides: BattleSide[] = [];

  clear(): void {
    this.xs.length = 0;
    this.ys.length = 0;
    this.ids.length = 0;
    this.sides.length = 0;
  }

  add(id: number, x: number, y: number, side: BattleSide): void {
    this.ids.push(id);
    this.xs.push(x);
    this.ys.push(y);
    this.sides.push(side);
  }

  /**
   * The unit nearest to (x, y) within `reach` pixels, or -1. With `side`, only that side's units count: a commander
   * who clicks an enemy in a melee means the enemy, even when one of their own ships is drawn nearer.
   */
  nearest(x: number, y: number, reach: number, side?: BattleSide): number {
    let best = -1;
    let bestD2 = reach * reach;
    for (let i = 0; i < this.ids.length; i++) {
      if (side !== undefined && this.sides[i] !== side) continue;
      const dx = this.xs[i]! - x;
      const dy = this.ys[i]! - y;
      const d2 = dx * dx + dy * dy;
      if (d2 < bestD2) {
        bestD2 = d2;
        best = this.ids[i]!;
      }
    }
    return best;
  }
}
