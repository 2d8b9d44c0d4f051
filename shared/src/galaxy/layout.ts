/**
 * Where starbases are. The galaxy is a row of sectors numbered from 1; each sector is a 5 × 5 grid around its
 * star with SECTOR_SLOTS places for starbases (the centre is the star). New starbases fill the newest sector
 * before a new one opens, so a player always has neighbours.
 */

/** Places for starbases in one sector. */
export const SECTOR_SLOTS = 24;
/** Side of a sector's grid; the middle cell is the star. */
export const SECTOR_GRID = 5;

/** Grid cell (column, row from the top-left, 0-based) of `slot` (0 ≤ slot < SECTOR_SLOTS), skipping the star. */
export function slotCell(slot: number): { column: number; row: number } {
  const middle = Math.floor((SECTOR_GRID * SECTOR_GRID) / 2);
  const cell = slot >= middle ? slot + 1 : slot;
  return { column: cell % SECTOR_GRID, row: Math.floor(cell / SECTOR_GRID) };
}

/**
 * A free slot of a sector whose taken slots are `taken`, picked by `seed` (so where a starbase lands looks
 * scattered, yet is reproducible); null when the sector is full.
 */
export function pickSlot(taken: readonly number[], seed: number): number | null {
  const used = new Set(taken);
  const free: number[] = [];
  for (let slot = 0; slot < SECTOR_SLOTS; slot++) if (!used.has(slot)) free.push(slot);
  if (free.length === 0) return null;
  return free[(seed >>> 0) % free.length]!;
}

/** Whether `sector` names a sector (a whole number from 1). */
export function isSector(sector: number): boolean {
  return Number.isInteger(sector) && sector >= 1 && sector <= 1_000_000;
}
