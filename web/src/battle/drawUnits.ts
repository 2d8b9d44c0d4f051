import { BATTLE_SIDES, type BattleSide, type CombatUnitType, type ShipView } from '@starscape/shared';
import type { BattleFrame } from './frame';
import type { Painter } from './painter';
import { SIDE_PALETTE, unitFill, unitPalette, type SidePalette } from './shapes';

/** The units themselves, their engine trails, hull bars and focus reticles. Positions come in device pixels. */

/** Above this many units, only the big hulls glow (a glow per unit costs too much on weak devices). */
const GLOW_BUDGET = 160;

const HULL_GOOD = '#3ee6a2';
const HULL_WARN = '#ffb547';
const HULL_BAD = '#ff5c7a';

/** Short engine streaks behind units on the move. */
export function drawTrails(p: Painter, frame: BattleFrame, xs: Float64Array, ys: Float64Array) {
  const ctx = p.ctx;
  const { from, to } = frame;
  // the streak is three steps of motion long, however many steps apart the two snapshots are
  const perStep = 1 / Math.max(1, to.step - from.step);
  ctx.globalCompositeOperation = 'lighter';
  ctx.lineCap = 'round';
  for (const side of BATTLE_SIDES) {
    const [r, g, b] = SIDE_PALETTE[side].rgb;
    ctx.strokeStyle = `rgba(${r}, ${g}, ${b}, 0.22)`;
    ctx.lineWidth = 1.4 * p.ui;
    ctx.beginPath();
    for (let i = 0; i < to.ships.length; i++) {
      const t = to.ships[i]!;
      if (t.side !== side || t.status !== 'active') continue;
      const f = from.ships[i] ?? t;
      const vx = (t.x - f.x) * p.view.k * perStep;
      const vy = (t.y - f.y) * p.view.k * perStep;
      if (vx * vx + vy * vy < 0.25 * p.ui * p.ui) continue;
      ctx.moveTo(xs[i]!, ys[i]!);
      ctx.lineTo(xs[i]! - vx * 3, ys[i]! - vy * 3);
    }
    ctx.stroke();
  }
  ctx.globalCompositeOperation = 'source-over';
}

export function drawShips(p: Painter, frame: BattleFrame, xs: Float64Array, ys: Float64Array) {
  const ctx = p.ctx;
  const { to, alpha } = frame;
  const ships = to.ships;
  // soft glow under every unit (only the big ones in a crowd)
  ctx.globalCompositeOperation = 'lighter';
  let active = 0;
  for (const s of ships) if (s.status === 'active') active++;
  const crowd = active > GLOW_BUDGET;
  for (let i = 0; i < ships.length; i++) {
    const s = ships[i]!;
    if (s.status !== 'active') continue;
    if (crowd && (s.type === 'fighter' || s.type === 'scout' || s.type === 'frigate')) continue;
    const g = p.size(s.type) * 3.6;
    ctx.globalAlpha = s.type === 'turret' ? 0.55 : 0.4;
    ctx.drawImage(p.sprite(unitPalette(s.side, s.type).glow), xs[i]! - g, ys[i]! - g, 2 * g, 2 * g);
  }
  ctx.globalAlpha = 1;
  ctx.globalCompositeOperation = 'source-over';

  // hulls, one path per colour
  const groups = new Map<string, number[]>();
  for (let i = 0; i < ships.length; i++) {
    const s = ships[i]!;
    if (s.status !== 'active') continue;
    const key = `${s.side}:${s.type}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  }
  ctx.lineJoin = 'round';
  for (const [key, ids] of groups) {
    const [side, type] = key.split(':') as [BattleSide, CombatUnitType];
    const palette = unitPalette(side, type);
    const size = p.size(type);
    ctx.beginPath();
    for (const i of ids) p.outline(type, xs[i]!, ys[i]!, p.angles[i] ?? 0, size);
    ctx.fillStyle = unitFill(side, type);
    ctx.fill();
    ctx.strokeStyle = palette.edge;
    ctx.lineWidth = Math.max(0.7, 0.9 * p.ui);
    ctx.globalAlpha = 0.85;
    ctx.stroke();
    ctx.globalAlpha = 1;
    if (type === 'turret') turretDetails(p, ids, xs, ys, palette, size, side);
  }

  // flash the units hit this step
  const flash = 1 - alpha;
  if (flash > 0.05) {
    ctx.globalCompositeOperation = 'lighter';
    ctx.fillStyle = `rgba(255, 255, 255, ${0.7 * flash})`;
    ctx.beginPath();
    let any = false;
    for (const s of ships) {
      if (s.shot < 0 || !s.hit) continue;
      const t = ships[s.shot];
      if (!t || t.status !== 'active') continue;
      p.outline(t.type, xs[t.id]!, ys[t.id]!, p.angles[t.id] ?? 0, p.size(t.type));
      any = true;
    }
    if (any) ctx.fill();
    ctx.globalCompositeOperation = 'source-over';
  }
}

function turretDetails(p: Painter, ids: number[], xs: Float64Array, ys: Float64Array, palette: SidePalette, size: number, side: BattleSide) {
  const ctx = p.ctx;
  ctx.strokeStyle = SIDE_PALETTE[side].fill;
  ctx.lineWidth = 1.2 * p.ui;
  ctx.beginPath();
  for (const i of ids) {
    ctx.moveTo(xs[i]! + size * 0.45, ys[i]!);
    ctx.arc(xs[i]!, ys[i]!, size * 0.45, 0, Math.PI * 2);
  }
  ctx.stroke();
  ctx.strokeStyle = palette.edge;
  ctx.lineWidth = 2 * p.ui;
  ctx.lineCap = 'round';
  ctx.beginPath();
  for (const i of ids) {
    const a = p.angles[i] ?? Math.PI;
    ctx.moveTo(xs[i]!, ys[i]!);
    ctx.lineTo(xs[i]! + Math.cos(a) * size * 1.35, ys[i]! + Math.sin(a) * size * 1.35);
  }
  ctx.stroke();
}

/** Hull (and shield, when drained) bars over damaged units. */
export function drawBars(p: Painter, ships: readonly ShipView[], xs: Float64Array, ys: Float64Array) {
  const ctx = p.ctx;
  const h = Math.max(1.5, 2.2 * p.ui);
  const buckets: Record<string, number[]> = { [HULL_GOOD]: [], [HULL_WARN]: [], [HULL_BAD]: [] };
  const damaged: number[] = [];
  for (const s of ships) {
    if (s.status !== 'active' || s.hull >= s.maxHull) continue;
    damaged.push(s.id);
    const f = s.hull / s.maxHull;
    buckets[f > 0.6 ? HULL_GOOD : f > 0.3 ? HULL_WARN : HULL_BAD]!.push(s.id);
  }
  if (damaged.length === 0) return;
  const geometry = (s: ShipView) => {
    const size = p.size(s.type);
    const w = Math.max(10 * p.ui, size * 2.2);
    return { x: xs[s.id]! - w / 2, y: ys[s.id]! - size - h * 2.6, w };
  };
  ctx.fillStyle = 'rgba(2, 4, 10, 0.75)';
  for (const id of damaged) {
    const { x, y, w } = geometry(ships[id]!);
    ctx.fillRect(x - 0.5 * p.dpr, y - 0.5 * p.dpr, w + p.dpr, h + p.dpr);
  }
  for (const [color, ids] of Object.entries(buckets)) {
    ctx.fillStyle = color;
    for (const id of ids) {
      const s = ships[id]!;
      const { x, y, w } = geometry(s);
      ctx.fillRect(x, y, w * (s.hull / s.maxHull), h);
    }
  }
  ctx.fillStyle = 'rgba(127, 200, 255, 0.9)';
  for (const id of damaged) {
    const s = ships[id]!;
    if (s.maxShield === 0) continue;
    const { x, y, w } = geometry(s);
    ctx.fillRect(x, y - h * 0.9, w * (s.shield / s.maxShield), Math.max(1, h * 0.5));
  }
}

/** Rotating brackets on each side's focus target (a focus order); true while one is up (it turns even when paused). */
export function drawFocus(p: Painter, frame: BattleFrame, xs: Float64Array, ys: Float64Array, now: number): boolean {
  const ctx = p.ctx;
  let spinning = false;
  for (const side of BATTLE_SIDES) {
    const id = frame.to.sides[side].focus;
    const t = id >= 0 ? frame.to.ships[id] : undefined;
    if (!t || t.status !== 'active') continue;
    const r = p.size(t.type) * 2 + 4 * p.ui;
    const spin = (now / 1200) % (Math.PI * 2);
    ctx.strokeStyle = SIDE_PALETTE[side].edge;
    ctx.lineWidth = 1.5 * p.ui;
    ctx.beginPath();
    for (let k = 0; k < 4; k++) {
      const a = spin + (k * Math.PI) / 2;
      ctx.moveTo(xs[id]! + Math.cos(a - 0.35) * r, ys[id]! + Math.sin(a - 0.35) * r);
      ctx.arc(xs[id]!, ys[id]!, r, a - 0.35, a + 0.35);
    }
    ctx.stroke();
    spinning = true;
  }
  return spinning;
}
