/** Browsing the galaxy's sectors: 1..count, never past either end. */

/** `sector` as a whole sector number within 1..count. */
export function clampSector(sector: number, count: number): number {
  const last = Math.max(1, Math.floor(count));
  if (!Number.isFinite(sector)) return 1;
  return Math.min(last, Math.max(1, Math.round(sector)));
}

/** The sector `delta` steps from `current`, or null at the end of the galaxy that way. */
export function stepSector(current: number, delta: number, count: number): number | null {
  if ((delta > 0 && current >= Math.max(1, count)) || (delta < 0 && current <= 1) || delta === 0) return null;
  return clampSector(current + delta, count);
}

/**
 * The sector typed into the jump field: a whole number, pulled into 1..count when past an end; null when the
 * text is no number at all.
 */
export function parseSectorInput(text: string, count: number): number | null {
  const trimmed = text.trim().replace(/^#/, '');
  if (!/^\d{1,7}$/.test(trimmed)) return null;
  return clampSector(Number(trimmed), count);
}
