import { fleetLands } from '../fleet/flight';
import { rebase, withDerivedRates, withSpeed } from './production';
import { advanceShipyard } from './shipyard';
import type { Town } from './Town';

/** The earliest returning fleet due by `now`, if any. */
function nextLanding(town: Town, now: number): { id: string; at: number } | null {
  let next: { id: string; at: number } | null = null;
  for (const f of town.fleets) {
    if (f.status === 'returning' && f.returnAt !== null && f.returnAt <= now && (!next || f.returnAt < next.at)) next = { id: f.id, at: f.returnAt };
  }
  return next;
}

/**
 * Brings a town to `now` exactly: ships finished by then are docked, and every upgrade completion and fleet
 * landing due by then happens at its own time, in time order, with rates changing from that moment on.
 * Between events nothing is written, so advancing in one step or in many small steps gives the very same
 * town (same numbers, bit for bit).
 */
export function advance(town: Town, now: number): Town {
  let current = advanceShipyard(town, now);
  for (;;) {
    const job = current.upgrade && current.upgrade.finishesAt <= now ? current.upgrade : null;
    const landing = nextLanding(current, now);
    if (!job && !landing) return current;
    if (landing && (!job || landing.at < job.finishesAt)) {
      current = fleetLands(current, landing.id, landing.at);
      continue;
    }
    const atFinish = rebase(current, job!.finishesAt);
    current = withDerivedRates({
      ...atFinish,
      buildings: { ...atFinish.buildings, [job!.building]: job!.toLevel },
      upgrade: null,
    });
  }
}

/** When the next event (an upgrade completion, a ship leaving the shipyard, a fleet landing) happens, if any. */
export function nextEventAt(town: Town): number | null {
  // no arrays: the server asks after every change of every town
  let next = earlier(earlier(Infinity, town.upgrade?.finishesAt), town.shipyard[0]?.nextAt);
  for (const fleet of town.fleets) if (fleet.status === 'returning') next = earlier(next, fleet.returnAt);
  return next === Infinity ? null : next;
}

/** `t` when it is a time (positive) before `next`, else `next`. */
function earlier(next: number, t: number | null | undefined): number {
  return typeof t === 'number' && t > 0 && t < next ? t : next;
}

/**
 * A stored town taken up again at `now` under the server's current game speed: what it produced until now
 * under its old speed stays, and every event due meanwhile happens at its own time.
 */
export function resume(town: Town, speed: number, now: number): Town {
  return advance(withSpeed(town, speed, now), now);
}
