import { STEPS_PER_SECOND } from '@starscape/shared';

/** Time math for drawing a fixed-step battle smoothly: the playhead is a fractional step. */

/** Playback speeds offered to the player. */
export const PLAYBACK_SPEEDS = [1, 2, 4, 8] as const;
export type PlaybackSpeed = (typeof PLAYBACK_SPEEDS)[number];

/**
 * The longest wall-clock gap one frame may advance by. A background tab gets no frames; when it comes back the
 * battle resumes where it was instead of leaping ahead.
 */
export const MAX_FRAME_MS = 250;

export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

export function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/** Where the playhead is after `elapsedMs` of wall time at `speed`: 10 steps a second × speed, stopping at `end`. */
export function advancePlayhead(playhead: number, elapsedMs: number, speed: number, end: number): number {
  const dt = clamp(elapsedMs, 0, MAX_FRAME_MS);
  return Math.min(end, playhead + (dt * STEPS_PER_SECOND * speed) / 1000);
}

/**
 * The two steps a playhead falls between: the frame shows step `to` reached `alpha` of the way from `to − 1`.
 * A whole playhead k is step k itself (alpha 1); at the first step there is nothing before it (also alpha 1).
 */
export function framePosition(playhead: number, start: number): { to: number; alpha: number } {
  if (playhead <= start) return { to: start, alpha: 1 };
  const to = Math.ceil(playhead);
  return { to, alpha: clamp(playhead - (to - 1), 0, 1) };
}

/** A position between two snapshots. */
export function interpolatePoint(from: { x: number; y: number }, to: { x: number; y: number }, alpha: number): { x: number; y: number } {
  return { x: lerp(from.x, to.x, alpha), y: lerp(from.y, to.y, alpha) };
}

/** Battle time of a step count, "1:07" (simulated seconds, 10 steps each). */
export function formatBattleClock(steps: number): string {
  const total = Math.max(0, Math.floor(steps / STEPS_PER_SECOND));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/**
 * How arena units map onto a canvas `width` × `height` pixels: uniformly scaled to fit (aspect kept), centred,
 * with `pad` pixels of space around the arena for ships leaving over an edge.
 */
export interface ArenaFit {
  scale: number;
  offsetX: number;
  offsetY: number;
}

export function fitArena(width: number, height: number, arenaWidth: number, arenaHeight: number, pad: number): ArenaFit {
  const scale = Math.max(0, Math.min((width - 2 * pad) / arenaWidth, (height - 2 * pad) / arenaHeight));
  return { scale, offsetX: (width - arenaWidth * scale) / 2, offsetY: (height - arenaHeight * scale) / 2 };
}
