import { SECTOR_GRID, slotCell, type GalaxyTown } from '@starscape/shared';

/** The map's SVG user space: one cell is CELL units square, the whole grid VIEW. */
export const CELL = 100;
export const VIEW = CELL * SECTOR_GRID;

/** Centre of a slot's cell in map units. */
export function slotCenter(slot: number): { x: number; y: number } {
  const { column, row } = slotCell(slot);
  return { x: (column + 0.5) * CELL, y: (row + 0.5) * CELL };
}

/** A starbase marker's radius from its points, on a log scale: 10 for a fresh one, 24 at most. */
export function markerRadius(points: number): number {
  const p = Math.max(0, Number.isFinite(points) ? points : 0);
  return Math.min(24, 10 + 3.2 * Math.log10(1 + p));
}

/** A name cut to fit under a marker: at most `max` characters, an ellipsis when cut. */
export function shortName(name: string, max = 14): string {
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('').replace(/[\s'’.,:;-]+$/u, '')}…`;
}

/**
 * The label under a marker: a starbase still named after its commander ("Vega's Starbase") is labelled by the
 * commander's name, the part that tells bases apart; then cut to fit.
 */
export function mapLabel(name: string): string {
  const owner = name.replace(/['’]s Starbase$/iu, '').trim();
  return shortName(owner || name);
}

/** How long newcomer protection still holds at server time `now` (0: raidable). */
export function protectionLeft(town: Pick<GalaxyTown, 'protectedUntil'>, now: number): number {
  return Math.max(0, town.protectedUntil - now);
}

/** Whether the player with starbase `ownTownId` may pick `town` as a raid target now (the server checks again). */
export function isRaidable(town: Pick<GalaxyTown, 'townId' | 'protectedUntil'>, ownTownId: string | null, now: number): boolean {
  return town.townId !== ownTownId && protectionLeft(town, now) === 0;
}

/** Where a starbase's card opens: beside its marker, towards the middle of the map, so it stays inside. */
export function cardPlacement(slot: number): { left: number; top: number; side: 'left' | 'right'; vertical: 'up' | 'down' } {
  const { column, row } = slotCell(slot);
  const { x, y } = slotCenter(slot);
  return {
    left: (x / VIEW) * 100,
    top: (y / VIEW) * 100,
    side: column < SECTOR_GRID / 2 ? 'right' : 'left',
    vertical: row < SECTOR_GRID / 2 ? 'down' : 'up',
  };
}

/** How many starbases the sector holds and how many of their owners are online. */
export function sectorSummary(towns: readonly Pick<GalaxyTown, 'online'>[]): { count: number; online: number } {
  return { count: towns.length, online: towns.filter((t) => t.online).length };
}
