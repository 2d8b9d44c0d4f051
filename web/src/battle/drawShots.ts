import type { CombatUnitType } from '@starscape/shared';
import type { BattleFrame } from './frame';
import { clamp, lerp } from './interpolate';
import type { Painter } from './painter';
import { unitPalette, type SidePalette } from './shapes';

/** Shot widths, in CSS pixels at UI scale 1. */
const SHOT_WIDTH: Record<CombatUnitType, number> = { scout: 0.8, fighter: 1, frigate: 1.5, cruiser: 2.4, hauler: 0.9, turret: 2.6 };

/**
 * Shots fired during the step being shown: a faint beam from shooter to target, a bright bolt crossing it in the
 * first half of the step, then a spark where it hit. Misses fly past the target.
 */
export function drawShots(p: Painter, frame: BattleFrame, xs: Float64Array, ys: Float64Array) {
  const ctx = p.ctx;
  const { to, alpha } = frame;
  const ships = to.ships;
  const travel = clamp(alpha / 0.5, 0, 1);
  const beam = 0.12 + 0.3 * (1 - alpha);
  const groups = new Map<string, { palette: SidePalette; width: number; hit: boolean; shots: number[] }>();
  for (const s of ships) {
    if (s.shot < 0 || !ships[s.shot]) continue;
    const key = `${s.side}:${s.type}:${s.hit ? 1 : 0}`;
    let group = groups.get(key);
    if (!group) {
      group = { palette: unitPalette(s.side, s.type), width: SHOT_WIDTH[s.type] * p.ui, hit: s.hit, shots: [] };
      groups.set(key, group);
    }
    group.shots.push(s.id);
  }
  if (groups.size === 0) return;
  ctx.globalCompositeOperation = 'lighter';
  ctx.lineCap = 'round';
  for (const { palette, width, hit, shots } of groups.values()) {
    const [r, g, b] = palette.rgb;
    const ends = shots.map((id) => shotEnd(p, id, ships[id]!.shot, hit, xs, ys, to.step));
    // the beam
    ctx.strokeStyle = `rgba(${r}, ${g}, ${b}, ${(hit ? beam : beam * 0.6).toFixed(3)})`;
    ctx.lineWidth = width * 0.8;
    ctx.beginPath();
    shots.forEach((id, k) => {
      ctx.moveTo(xs[id]!, ys[id]!);
      ctx.lineTo(ends[k]![0], ends[k]![1]);
    });
    ctx.stroke();
    // the bolt: a glow and a hot core
    if (travel < 1) {
      const head = travel;
      const tail = Math.max(0, travel - 0.35);
      for (const [lineWidth, style] of [
        [width * 3.2, `rgba(${r}, ${g}, ${b}, 0.35)`],
        [width * 1.1, palette.shot],
      ] as const) {
        ctx.strokeStyle = style;
        ctx.lineWidth = lineWidth;
        ctx.beginPath();
        shots.forEach((id, k) => {
          const [ex, ey] = ends[k]!;
          ctx.moveTo(lerp(xs[id]!, ex, tail), lerp(ys[id]!, ey, tail));
          ctx.lineTo(lerp(xs[id]!, ex, head), lerp(ys[id]!, ey, head));
        });
        ctx.stroke();
      }
    }
    // sparks where the bolts landed
    if (hit && alpha > 0.4) {
      const spark = 1 - clamp((alpha - 0.45) / 0.55, 0, 0.8);
      ctx.globalAlpha = spark;
      const sprite = p.sprite('rgba(255, 240, 220, 0.95)');
      const size = width * 4.5 * (0.6 + 0.4 * spark);
      for (const [ex, ey] of ends) ctx.drawImage(sprite, ex - size, ey - size, 2 * size, 2 * size);
      ctx.globalAlpha = 1;
    }
  }
  ctx.globalCompositeOperation = 'source-over';
}

/** Where a shot ends: on the target when it hit; past it and off to one side when it missed. */
function shotEnd(p: Painter, shooter: number, target: number, hit: boolean, xs: Float64Array, ys: Float64Array, step: number): [number, number] {
  const tx = xs[target]!;
  const ty = ys[target]!;
  if (hit) return [tx, ty];
  const dx = tx - xs[shooter]!;
  const dy = ty - ys[shooter]!;
  const d = Math.hypot(dx, dy) || 1;
  const side = (shooter + step) % 2 === 0 ? 1 : -1;
  const off = 7 * p.ui * side;
  return [tx + (dx / d) * 10 * p.ui - (dy / d) * off, ty + (dy / d) * 10 * p.ui + (dx / d) * off];
}
