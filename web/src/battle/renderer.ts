import { COMBAT_UNIT_TYPES, SHIP_INFO, turretStats, type BattleSide, type CombatStatus, type CombatUnitType, type ShipView } from '@starscape/shared';
import { easeCamera, frameBounds, viewOf, wholeArena, type Bounds, type Camera } from './camera';
import { drawEscapes, drawExplosions, drawWrecks, type Effect } from './drawEffects';
import { drawShots } from './drawShots';
import { drawBars, drawFocus, drawShips, drawTrails } from './drawUnits';
import type { BattleFrame } from './frame';
import { HitTargets } from './hitTargets';
import { clamp, fitArena, lerp, type ArenaFit } from './interpolate';
import type { Painter } from './painter';
import { UNIT_SHAPES } from './shapes';
import { drawArenaMarks, paintSky, type ArenaView } from './starfield';

/** A step gap larger than this is a seek, not playback: effects are dropped instead of all going off at once. */
const MAX_CONTINUOUS_GAP = 12;
/** Space around the arena, as a share of the canvas width, for ships flying out over an edge. */
const PAD = 0.025;
/** The sky is drawn this much larger than the view, for the parallax. */
const SKY_MARGIN = 0.06;

/** Hull radius of each unit type in arena units (a snapshot carries no stats): ships keep this far apart. */
const RADIUS = Object.fromEntries(COMBAT_UNIT_TYPES.map((t) => [t, t === 'turret' ? turretStats(1).radius : SHIP_INFO[t].combat.radius])) as Record<CombatUnitType, number>;
/** Drawn a little larger than the hull, but never below a readable size nor above the zoomed table size. */
const SIZE_PER_RADIUS = 1.25;
const MIN_SIZE_SHARE = 0.68;

/**
 * Draws battle frames on a 2D canvas. Owns no clock: `draw(frame, now)` paints one display frame (positions
 * interpolated between the frame's two snapshots) and remembers just enough between frames to play effects:
 * each unit's last status (to notice deaths and escapes), its heading, and the explosions and escapes in flight.
 * A jump in steps (a seek) clears that memory, so scrubbing never sets off a barrage of old explosions.
 */
export class BattleRenderer implements Painter {
  readonly ctx: CanvasRenderingContext2D;
  private sky: HTMLCanvasElement | null = null;
  private width = 0;
  private height = 0;
  dpr = 1;
  ui = 1;
  private fit: ArenaFit = { scale: 0, offsetX: 0, offsetY: 0 };
  private camera: Camera = { x: 0, y: 0, zoom: 1 };
  private snapCamera = true;
  private cameraMoving = false;
  private follow = true;
  /** arena units to device pixels for the frame being drawn */
  view: ArenaView = { k: 0, ox: 0, oy: 0 };
  /** half-length of each unit type on the canvas for the frame being drawn, in device pixels */
  private sizes = {} as Record<CombatUnitType, number>;
  private arena = { width: 0, height: 0 };
  private sprites = new Map<string, HTMLCanvasElement>();

  private lastStep = -1;
  private lastNow = 0;
  private status: CombatStatus[] = [];
  angles: number[] = [];
  private deaths = new Map<number, Effect>();
  private escapes = new Map<number, Effect>();
  private lastFrame: BattleFrame | null = null;
  private dirty = true;
  /** some unit is still turning toward its heading (keeps a paused picture settling) */
  private turning = false;
  /** the active units where they were drawn last (for `shipAt`) */
  private readonly hits = new HitTargets();

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('2D canvas is not available');
    this.ctx = ctx;
  }

  /** Sets the canvas's size in CSS pixels and device pixel ratio; repaints the backdrop. */
  resize(cssWidth: number, cssHeight: number, dpr: number, arena: { width: number; height: number }): void {
    const width = Math.max(1, Math.round(cssWidth * dpr));
    const height = Math.max(1, Math.round(cssHeight * dpr));
    if (width === this.width && height === this.height && arena.width === this.arena.width && arena.height === this.arena.height) return;
    this.width = width;
    this.height = height;
    this.dpr = dpr;
    this.arena = { ...arena };
    this.canvas.width = width;
    this.canvas.height = height;
    this.ui = clamp(cssWidth / 1000, 0.6, 1.35) * dpr;
    this.fit = fitArena(width, height, arena.width, arena.height, PAD * width);
    const sky = document.createElement('canvas');
    sky.width = Math.round(width * (1 + 2 * SKY_MARGIN));
    sky.height = Math.round(height * (1 + 2 * SKY_MARGIN));
    const sctx = sky.getContext('2d');
    if (sctx) paintSky(sctx, sky.width, sky.height, this.ui);
    this.sky = sky;
    this.snapCamera = true;
    this.dirty = true;
  }

  /** Follow the fighting with the camera (the default), or show the whole arena. */
  setFollow(follow: boolean): void {
    if (follow === this.follow) return;
    this.follow = follow;
    this.dirty = true;
  }

  /** The active unit (of `side`, when given) drawn nearest to (x, y) in CSS pixels, within reach of a finger; -1 when none. */
  shipAt(x: number, y: number, side?: BattleSide): number {
    return this.hits.nearest(x, y, Math.max(14, 22 * (this.ui / this.dpr)), side);
  }

  /** Paints `frame`. Skips the work when nothing would change (a paused replay with no effect in flight). */
  draw(frame: BattleFrame, now: number): void {
    if (this.width === 0 || !this.sky) return;
    const dt = this.lastNow === 0 ? 16 : clamp(now - this.lastNow, 0, 250);
    this.lastNow = now;
    const same = this.lastFrame !== null && this.lastFrame.to === frame.to && this.lastFrame.from === frame.from && this.lastFrame.alpha === frame.alpha;
    if (same && !this.dirty && this.deaths.size === 0 && this.escapes.size === 0 && !this.turning && !this.cameraMoving) return;
    this.lastFrame = frame;
    this.dirty = false;
    this.observe(frame, now);

    const { from, to, alpha } = frame;
    const n = to.ships.length;
    // positions in arena units first: the camera frames them
    const ax = new Float64Array(n);
    const ay = new Float64Array(n);
    let bounds: Bounds | null = null;
    for (let i = 0; i < n; i++) {
      const t = to.ships[i]!;
      const f = from.ships[i] ?? t;
      ax[i] = lerp(f.x, t.x, alpha);
      ay[i] = lerp(f.y, t.y, alpha);
      if (t.status !== 'active') continue;
      if (!bounds) bounds = { minX: ax[i]!, maxX: ax[i]!, minY: ay[i]!, maxY: ay[i]! };
      else {
        bounds.minX = Math.min(bounds.minX, ax[i]!);
        bounds.maxX = Math.max(bounds.maxX, ax[i]!);
        bounds.minY = Math.min(bounds.minY, ay[i]!);
        bounds.maxY = Math.max(bounds.maxY, ay[i]!);
      }
    }
    this.moveCamera(this.follow ? frameBounds(bounds, this.arena) : wholeArena(this.arena), dt);
    const view = (this.view = viewOf(this.camera, this.fit.scale, this.width, this.height));
    const zoomSize = Math.sqrt(this.camera.zoom);
    for (const type of COMBAT_UNIT_TYPES) {
      const table = UNIT_SHAPES[type].size * this.ui;
      this.sizes[type] = clamp(RADIUS[type] * view.k * SIZE_PER_RADIUS, table * MIN_SIZE_SHARE, table * zoomSize);
    }
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = view.ox + ax[i]! * view.k;
      ys[i] = view.oy + ay[i]! * view.k;
    }

    const ctx = this.ctx;
    ctx.globalCompositeOperation = 'source-over';
    ctx.globalAlpha = 1;
    const drift = (this.camera.x - this.arena.width / 2) / this.arena.width;
    const lift = (this.camera.y - this.arena.height / 2) / this.arena.height;
    ctx.drawImage(this.sky, -SKY_MARGIN * this.width * (1 + drift), -SKY_MARGIN * this.height * (1 + lift));
    drawArenaMarks(ctx, view, this.arena, this.ui);

    this.turning = this.steer(frame, xs, ys, dt);

    drawWrecks(this, this.deaths, now);
    drawTrails(this, frame, xs, ys);
    drawShips(this, frame, xs, ys);
    drawShots(this, frame, xs, ys);
    drawExplosions(this, this.deaths, now);
    drawEscapes(this, this.escapes, now);
    drawBars(this, to.ships, xs, ys);
    if (drawFocus(this, frame, xs, ys, now)) this.dirty = true;

    this.hits.clear();
    for (let i = 0; i < n; i++) {
      const ship = to.ships[i]!;
      if (ship.status === 'active') this.hits.add(i, xs[i]! / this.dpr, ys[i]! / this.dpr, ship.side);
    }
  }

  /** Notices units that died or escaped since the last frame; forgets everything on a seek. */
  private observe(frame: BattleFrame, now: number) {
    const { to } = frame;
    if (to.step === this.lastStep && this.status.length === to.ships.length) return;
    const gap = to.step - this.lastStep;
    const continuous = this.lastStep >= 0 && gap > 0 && gap <= MAX_CONTINUOUS_GAP && this.status.length === to.ships.length;
    if (!continuous) {
      this.snapCamera = true;
      this.deaths.clear();
      this.escapes.clear();
      this.angles = to.ships.map((s) => this.restingAngle(s, to.ships));
    }
    for (const s of to.ships) {
      const before = this.status[s.id];
      if (continuous && before === 'active' && s.status !== 'active') {
        const effect: Effect = { at: now, x: s.x, y: s.y, angle: this.angles[s.id] ?? 0, side: s.side, type: s.type, id: s.id };
        if (s.status === 'destroyed') this.deaths.set(s.id, effect);
        else this.escapes.set(s.id, effect);
      }
      this.status[s.id] = s.status;
    }
    this.status.length = to.ships.length;
    this.lastStep = to.step;
  }

  private moveCamera(target: Camera, dt: number) {
    if (this.snapCamera) {
      this.camera = target;
      this.snapCamera = false;
      this.cameraMoving = false;
      return;
    }
    const next = easeCamera(this.camera, target, dt);
    const k = this.fit.scale * next.zoom;
    // still moving while any part of the picture would shift by more than a tenth of a pixel
    this.cameraMoving =
      Math.abs(next.x - target.x) * k > 0.1 || Math.abs(next.y - target.y) * k > 0.1 || Math.abs(next.zoom - target.zoom) * this.width > 0.1;
    this.camera = this.cameraMoving ? next : target;
  }

  /** Where a unit points when it is not moving: at its target, else across the arena at the enemy. */
  private restingAngle(s: ShipView, ships: readonly ShipView[]): number {
    const t = s.target >= 0 ? ships[s.target] : undefined;
    if (t) return Math.atan2(t.y - s.y, t.x - s.x);
    return s.side === 'attacker' ? 0 : Math.PI;
  }

  /** Turns each unit smoothly toward where it flies, or toward its target when it holds still. */
  private steer(frame: BattleFrame, xs: Float64Array, ys: Float64Array, dt: number): boolean {
    const { from, to } = frame;
    const rate = clamp(dt / 140, 0, 1);
    let turning = false;
    for (let i = 0; i < to.ships.length; i++) {
      const t = to.ships[i]!;
      if (t.status !== 'active') continue;
      const f = from.ships[i] ?? t;
      const dx = t.x - f.x;
      const dy = t.y - f.y;
      // the nose follows the flight path; a unit holding still turns to its target
      let want: number;
      if (t.type !== 'turret' && dx * dx + dy * dy > 64) want = Math.atan2(dy, dx);
      else if (t.target >= 0 && to.ships[t.target]) want = Math.atan2(ys[t.target]! - ys[i]!, xs[t.target]! - xs[i]!);
      else want = this.angles[i] ?? (t.side === 'attacker' ? 0 : Math.PI);
      const current = this.angles[i] ?? want;
      let diff = want - current;
      while (diff > Math.PI) diff -= 2 * Math.PI;
      while (diff < -Math.PI) diff += 2 * Math.PI;
      if (Math.abs(diff) > 0.01) turning = true;
      this.angles[i] = current + diff * rate;
    }
    return turning;
  }

  sprite(color: string): HTMLCanvasElement {
    let sprite = this.sprites.get(color);
    if (!sprite) {
      sprite = document.createElement('canvas');
      sprite.width = sprite.height = 64;
      const c = sprite.getContext('2d')!;
      const g = c.createRadialGradient(32, 32, 0, 32, 32, 32);
      g.addColorStop(0, color);
      g.addColorStop(0.35, color.replace(/[\d.]+\)$/, '0.25)'));
      g.addColorStop(1, 'rgba(0, 0, 0, 0)');
      c.fillStyle = g;
      c.fillRect(0, 0, 64, 64);
      this.sprites.set(color, sprite);
    }
    return sprite;
  }

  size(type: CombatUnitType): number {
    return this.sizes[type] ?? UNIT_SHAPES[type].size * this.ui;
  }

  /** Adds a unit's outline to the current path. */
  outline(type: CombatUnitType, x: number, y: number, angle: number, size: number) {
    const ctx = this.ctx;
    const cos = Math.cos(angle) * size;
    const sin = Math.sin(angle) * size;
    const points = UNIT_SHAPES[type].points;
    for (let k = 0; k < points.length; k++) {
      const [px, py] = points[k]!;
      const vx = x + px * cos - py * sin;
      const vy = y + px * sin + py * cos;
      if (k === 0) ctx.moveTo(vx, vy);
      else ctx.lineTo(vx, vy);
    }
    ctx.closePath();
  }

}
