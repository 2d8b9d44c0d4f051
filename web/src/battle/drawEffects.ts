import type { BattleSide, CombatUnitType } from '@starscape/shared';
import type { Painter } from './painter';
import { unitFill, unitPalette } from './shapes';

/** How long an explosion and an escape play, in wall-clock ms (the same at every playback speed). */
const EXPLOSION_MS = 900;
const ESCAPE_MS = 1100;

/** A death or an escape in play; x and y in arena units (the camera may move while it plays). */
export interface Effect {
  at: number;
  x: number;
  y: number;
  angle: number;
  side: BattleSide;
  type: CombatUnitType;
  id: number;
}

function screen(p: Painter, e: Effect): [number, number] {
  return [p.view.ox + e.x * p.view.k, p.view.oy + e.y * p.view.k];
}

/** Broken hulls fading out under the blast. */
export function drawWrecks(p: Painter, deaths: ReadonlyMap<number, Effect>, now: number) {
  const ctx = p.ctx;
  for (const e of deaths.values()) {
    const age = (now - e.at) / EXPLOSION_MS;
    if (age >= 1) continue;
    ctx.globalAlpha = (1 - age) * (1 - age) * 0.9;
    ctx.fillStyle = '#3a2a2a';
    ctx.strokeStyle = unitPalette(e.side, e.type).fill;
    ctx.lineWidth = p.ui;
    ctx.beginPath();
    const [x, y] = screen(p, e);
    p.outline(e.type, x, y, e.angle + age * 0.8, p.size(e.type) * (1 - 0.25 * age));
    ctx.fill();
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

export function drawExplosions(p: Painter, deaths: Map<number, Effect>, now: number) {
  const ctx = p.ctx;
  ctx.globalCompositeOperation = 'lighter';
  for (const [id, e] of deaths) {
    const age = (now - e.at) / EXPLOSION_MS;
    if (age >= 1) {
      deaths.delete(id);
      continue;
    }
    const size = p.size(e.type);
    const fade = 1 - age;
    const flash = size * (2.5 + 6 * Math.sqrt(age));
    const [x, y] = screen(p, e);
    ctx.globalAlpha = fade * fade;
    ctx.drawImage(p.sprite('rgba(255, 214, 150, 0.95)'), x - flash, y - flash, 2 * flash, 2 * flash);
    ctx.globalAlpha = fade * 0.9;
    ctx.strokeStyle = unitPalette(e.side, e.type).shot;
    ctx.lineWidth = Math.max(0.5, 2 * p.ui * fade);
    ctx.beginPath();
    ctx.arc(x, y, size * (1 + 5 * age), 0, Math.PI * 2);
    ctx.stroke();
    ctx.fillStyle = '#ffe3b0';
    ctx.beginPath();
    for (let k = 0; k < 7; k++) {
      const a = ((id * 7919 + k * 2654435761) % 6283) / 1000;
      const reach = size * (1.2 + (6 + (k % 3) * 2) * age);
      const px = x + Math.cos(a) * reach;
      const py = y + Math.sin(a) * reach;
      ctx.moveTo(px + p.ui, py);
      ctx.arc(px, py, Math.max(0.4, 1.2 * p.ui * fade), 0, Math.PI * 2);
    }
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  ctx.globalCompositeOperation = 'source-over';
}

/** Units that crossed their own edge keep flying out of the picture, trailing their engines. */
export function drawEscapes(p: Painter, escapes: Map<number, Effect>, now: number) {
  const ctx = p.ctx;
  for (const [id, e] of escapes) {
    const age = (now - e.at) / ESCAPE_MS;
    if (age >= 1) {
      escapes.delete(id);
      continue;
    }
    const dir = e.side === 'attacker' ? -1 : 1;
    const [ex, y] = screen(p, e);
    const x = ex + dir * age * age * 90 * p.ui;
    const size = p.size(e.type);
    const [r, g, b] = unitPalette(e.side, e.type).rgb;
    ctx.globalAlpha = 1 - age;
    ctx.strokeStyle = `rgba(${r}, ${g}, ${b}, 0.6)`;
    ctx.lineWidth = size * 0.6;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x - dir * (12 + 60 * age) * p.ui, y);
    ctx.stroke();
    ctx.fillStyle = unitFill(e.side, e.type);
    ctx.beginPath();
    p.outline(e.type, x, y, e.side === 'attacker' ? Math.PI : 0, size);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}
