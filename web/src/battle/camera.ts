import { clamp } from './interpolate';

/** Where the view looks: its centre in arena units and its zoom (1 = the whole arena). */
export interface Camera {
  x: number;
  y: number;
  zoom: number;
}

/** Closest the camera comes: a third of the arena's width fills the view. */
export const MAX_ZOOM = 3;
/** Room kept around the fighting, in arena units (more above: the HUD covers the top of the picture). */
const PAD_X = 750;
const PAD_TOP = 1000;
const PAD_BOTTOM = 650;

export interface Bounds {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** The whole arena. */
export function wholeArena(arena: { width: number; height: number }): Camera {
  return { x: arena.width / 2, y: arena.height / 2, zoom: 1 };
}

/**
 * The camera that frames `bounds` (the units still fighting) with some room around them, as close as MAX_ZOOM,
 * never showing beyond the arena's edges. No bounds: the whole arena.
 */
export function frameBounds(bounds: Bounds | null, arena: { width: number; height: number }): Camera {
  if (!bounds) return wholeArena(arena);
  const w = bounds.maxX - bounds.minX + 2 * PAD_X;
  const h = bounds.maxY - bounds.minY + PAD_TOP + PAD_BOTTOM;
  const zoom = clamp(Math.min(arena.width / w, arena.height / h), 1, MAX_ZOOM);
  const halfW = arena.width / (2 * zoom);
  const halfH = arena.height / (2 * zoom);
  return {
    x: clamp((bounds.minX + bounds.maxX) / 2, halfW, arena.width - halfW),
    y: clamp((bounds.minY - PAD_TOP + bounds.maxY + PAD_BOTTOM) / 2, halfH, arena.height - halfH),
    zoom,
  };
}

/**
 * Moves `current` toward `target` by the share of the way an exponential ease covers in `elapsedMs` (half the
 * remaining distance every `halfLifeMs`); zoom eases in log space so zooming in and out feel the same.
 */
export function easeCamera(current: Camera, target: Camera, elapsedMs: number, halfLifeMs = 450): Camera {
  const t = 1 - Math.pow(0.5, Math.max(0, elapsedMs) / halfLifeMs);
  return {
    x: current.x + (target.x - current.x) * t,
    y: current.y + (target.y - current.y) * t,
    zoom: Math.exp(Math.log(current.zoom) + (Math.log(target.zoom) - Math.log(current.zoom)) * t),
  };
}

/** Arena units to device pixels for a canvas of `width` × `height` where the whole arena fits at `baseScale`. */
export function viewOf(camera: Camera, baseScale: number, width: number, height: number): { k: number; ox: number; oy: number } {
  const k = baseScale * camera.zoom;
  return { k, ox: width / 2 - camera.x * k, oy: height / 2 - camera.y * k };
}
