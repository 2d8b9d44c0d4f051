import { SIDE_PALETTE } from './shapes';

/** Small seeded generator for the backdrop (the same sky every time, no Math.random). */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Paints deep space into `ctx` (a canvas of `width` × `height` device pixels): a dark gradient, three faint
 * nebulae (the attacker's blue on the left, the defender's red on the right), a seeded star field and a vignette.
 * Drawn once per resize, a little larger than the view, and copied under every frame with a slight parallax.
 */
export function paintSky(ctx: CanvasRenderingContext2D, width: number, height: number, ui: number): void {
  const sky = ctx.createLinearGradient(0, 0, 0, height);
  sky.addColorStop(0, '#070c1c');
  sky.addColorStop(1, '#02040a');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, width, height);

  const nebula = (x: number, y: number, r: number, color: string) => {
    const g = ctx.createRadialGradient(x, y, 0, x, y, r);
    g.addColorStop(0, color);
    g.addColorStop(1, 'rgba(0, 0, 0, 0)');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, width, height);
  };
  nebula(width * 0.18, height * 0.32, width * 0.55, 'rgba(40, 140, 255, 0.13)');
  nebula(width * 0.84, height * 0.7, width * 0.5, 'rgba(255, 70, 100, 0.11)');
  nebula(width * 0.55, height * 0.08, width * 0.4, 'rgba(124, 107, 255, 0.1)');

  const random = seeded(0x5eed);
  const stars = Math.min(1600, Math.round((width * height) / (1700 * ui)));
  for (let i = 0; i < stars; i++) {
    const x = random() * width;
    const y = random() * height;
    const size = (0.35 + random() * random() * 1.3) * ui;
    const tint = random();
    const alpha = 0.25 + random() * 0.65;
    ctx.fillStyle = tint < 0.15 ? `rgba(150, 200, 255, ${alpha})` : tint < 0.22 ? `rgba(255, 210, 180, ${alpha})` : `rgba(235, 240, 255, ${alpha})`;
    ctx.beginPath();
    ctx.arc(x, y, size, 0, Math.PI * 2);
    ctx.fill();
    if (size > 1.25 * ui && random() < 0.35) {
      ctx.strokeStyle = `rgba(200, 225, 255, ${alpha * 0.35})`;
      ctx.lineWidth = 0.6 * ui;
      ctx.beginPath();
      ctx.moveTo(x - size * 4, y);
      ctx.lineTo(x + size * 4, y);
      ctx.moveTo(x, y - size * 4);
      ctx.lineTo(x, y + size * 4);
      ctx.stroke();
    }
  }

  const vignette = ctx.createRadialGradient(width / 2, height / 2, Math.min(width, height) * 0.35, width / 2, height / 2, Math.max(width, height) * 0.7);
  vignette.addColorStop(0, 'rgba(0, 0, 0, 0)');
  vignette.addColorStop(1, 'rgba(0, 0, 0, 0.5)');
  ctx.fillStyle = vignette;
  ctx.fillRect(0, 0, width, height);
}

/** Arena units to device pixels: screen = arena × k + offset. */
export interface ArenaView {
  k: number;
  ox: number;
  oy: number;
}

/**
 * The arena itself, drawn every frame under the ships (it moves with the camera): a grid every 1000 arena units,
 * the line down the middle, each side's own edge glowing in its colour with its name along it, and the frame.
 */
export function drawArenaMarks(ctx: CanvasRenderingContext2D, view: ArenaView, arena: { width: number; height: number }, ui: number): void {
  const left = view.ox;
  const top = view.oy;
  const w = arena.width * view.k;
  const h = arena.height * view.k;

  ctx.strokeStyle = 'rgba(130, 170, 255, 0.055)';
  ctx.lineWidth = Math.max(1, 0.8 * ui);
  ctx.beginPath();
  for (let x = 1000; x < arena.width; x += 1000) {
    ctx.moveTo(left + x * view.k, top);
    ctx.lineTo(left + x * view.k, top + h);
  }
  for (let y = 1000; y < arena.height; y += 1000) {
    ctx.moveTo(left, top + y * view.k);
    ctx.lineTo(left + w, top + y * view.k);
  }
  ctx.stroke();
  ctx.setLineDash([6 * ui, 8 * ui]);
  ctx.strokeStyle = 'rgba(230, 236, 255, 0.08)';
  ctx.beginPath();
  ctx.moveTo(left + w / 2, top);
  ctx.lineTo(left + w / 2, top + h);
  ctx.stroke();
  ctx.setLineDash([]);

  const band = Math.min(w * 0.09, 110 * ui);
  const edge = (x: number, toward: number, rgb: readonly number[]) => {
    const g = ctx.createLinearGradient(x, 0, x + toward * band, 0);
    g.addColorStop(0, `rgba(${rgb.join(',')}, 0.2)`);
    g.addColorStop(1, `rgba(${rgb.join(',')}, 0)`);
    ctx.fillStyle = g;
    ctx.fillRect(Math.min(x, x + toward * band), top, band, h);
    ctx.fillStyle = `rgba(${rgb.join(',')}, 0.55)`;
    ctx.fillRect(x - ui, top, 2 * ui, h);
  };
  edge(left, 1, SIDE_PALETTE.attacker.rgb);
  edge(left + w, -1, SIDE_PALETTE.defender.rgb);

  ctx.strokeStyle = 'rgba(130, 170, 255, 0.16)';
  ctx.lineWidth = Math.max(1, ui);
  ctx.strokeRect(left, top, w, h);

  const label = (text: string, x: number, angle: number, rgb: readonly number[]) => {
    ctx.save();
    ctx.translate(x, top + h / 2);
    ctx.rotate(angle);
    ctx.font = `700 ${Math.round(9.5 * ui)}px ui-sans-serif, system-ui, sans-serif`;
    if ('letterSpacing' in ctx) (ctx as CanvasRenderingContext2D & { letterSpacing: string }).letterSpacing = `${(3 * ui).toFixed(1)}px`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = `rgba(${rgb.join(',')}, 0.5)`;
    ctx.fillText(text, 0, 0);
    ctx.restore();
  };
  const inset = 12 * ui;
  label('ATTACKER', left + inset, -Math.PI / 2, SIDE_PALETTE.attacker.rgb);
  label('DEFENDER', left + w - inset, Math.PI / 2, SIDE_PALETTE.defender.rgb);
}
