import { RESOURCES, type Cost } from '../content/resources';
import type { ShipCounts, ShipId } from '../content/ships';
import { MAX_SHIPS_PER_SIDE } from '../combat/Battle';
import type { ErrorCode } from '../errors';
import { amountAt } from '../town/production';
import type { Town } from '../town/Town';

/** A new starbase cannot be raided for this long (game speed 1). */
export const NEWCOMER_PROTECTION_MS = 3 * 24 * 3_600_000;
/** Until the galaxy gives towns positions, every raid flies this far. */
export const RAID_DISTANCE = 15_000;
/** Share of its storage capacity a town always keeps from raiders (at least PROTECTED_MINIMUM). */
export const PROTECTED_SHARE = 0.1;
export const PROTECTED_MINIMUM = 1000;

/** When the newcomer protection of `town` ends (server ms). */
export function protectedUntil(town: Pick<Town, 'foundedAt' | 'speed'>): number {
  return town.foundedAt + NEWCOMER_PROTECTION_MS / town.speed;
}

/** Whether `target` is still under newcomer protection at `now`. */
export function isNewcomerProtected(target: Town, now: number): boolean {
  return now < protectedUntil(target);
}

/** Why `attackerTownId` may not raid `targetTownId` now, or null. */
export function checkRaid(attackerTownId: string, targetTownId: string, target: Town, now: number): ErrorCode | null {
  if (attackerTownId === targetTownId) return 'raid/own-town';
  if (isNewcomerProtected(target, now)) return 'raid/target-protected';
  return null;
}

/** What raiders can never take from `town`. */
export function protectedAmount(town: Town): Cost {
  const amounts = { metal: 0, crystal: 0, fuel: 0 };
  for (const r of RESOURCES) amounts[r] = Math.max(PROTECTED_MINIMUM, Math.floor(town.stocks[r].cap * PROTECTED_SHARE));
  return amounts;
}

/** What raiders could take from `town` at `now`: each stock beyond its protected amount, floored. */
export function raidableStock(town: Town, now: number): Cost {
  const shielded = protectedAmount(town);
  const amounts = { metal: 0, crystal: 0, fuel: 0 };
  for (const r of RESOURCES) amounts[r] = Math.max(0, Math.floor(amountAt(town, r, now) - shielded[r]));
  return amounts;
}

/**
 * The docked ships that defend the starbase against a raid: all of them, up to MAX_SHIPS_PER_SIDE (the
 * warships first, in the table's order from the heaviest down; the rest stay out of the fight, unharmed).
 */
export function defendingShips(docked: ShipCounts): ShipCounts {
  const order: ShipId[] = ['cruiser', 'frigate', 'fighter', 'hauler', 'scout'];
  const ships: ShipCounts = {};
  let room = MAX_SHIPS_PER_SIDE;
  for (const ship of order) {
    const n = Math.max(0, Math.min(room, Math.floor(docked[ship] ?? 0)));
    if (n > 0) ships[ship] = n;
    room -= n;
  }
  return ships;
}
