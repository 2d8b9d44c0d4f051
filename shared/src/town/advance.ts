import { rebase, withDerivedRates } from './production';
import { advanceShipyard } from './shipyard';
import type { Town } from './Town';

/**
 * Brings a town to `now` exactly: ships finished by then are docked, and every upgrade that finished by
 * then is completed at its own finish time, with rates changing from that moment on. Between events nothing is written, so advancing in one step or in
 * many small steps gives the very same town (same numbers, bit for bit).
 */
export function advance(town: Town, now: number): Town {
  let current = advanceShipyard(town, now);
  while (current.upgrade && current.upgrade.finishesAt <= now) {
    const job = current.upgrade;
    const atFinish = rebase(current, job.finishesAt);
    current = withDerivedRates({
      ...atFinish,
      buildings: { ...atFinish.buildings, [job.building]: job.toLevel },
      upgrade: null,
    });
  }
  return current;
}

/** When the next event (an upgrade completion or a ship leaving the shipyard) happens, if any. */
export function nextEventAt(town: Town): number | null {
  const times = [town.upgrade?.finishesAt, town.shipyard[0]?.nextAt].filter((t): t is number => t !== undefined && t > 0);
  return times.length > 0 ? Math.min(...times) : null;
}
