import { rebase, withDerivedRates } from './production';
import type { Town } from './Town';

/**
 * Brings a town to `now` exactly: every upgrade that finished by then is completed at its own finish time,
 * and rates change from that moment on. Between events nothing is written, so advancing in one step or in
 * many small steps gives the very same town (same numbers, bit for bit).
 */
export function advance(town: Town, now: number): Town {
  let current = town;
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

/** When the next event (an upgrade completion) happens, if any. */
export function nextEventAt(town: Town): number | null {
  return town.upgrade ? town.upgrade.finishesAt : null;
}
