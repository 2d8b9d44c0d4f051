import { travelDuration, type FleetInFlight } from '@starscape/shared';

/** Where a fleet is in its trip at `now`, for its status line and progress bar. */
export type FlightPhase =
  | { status: 'outbound'; endsAt: number; remaining: number; progress: number }
  /** past its arrival time: the server is resolving what it found */
  | { status: 'arriving' }
  /** in battle; `endsAt` when the server already resolved it and the fleet turns home then */
  | { status: 'fighting'; endsAt: number | null; remaining: number | null }
  | { status: 'returning'; endsAt: number; remaining: number; progress: number }
  /** past its return time: the landing patch is on its way */
  | { status: 'docking' };

/** 0..1 of the way from `start` to `end` at `now` (1 for an empty span). */
export function progressBetween(start: number, end: number, now: number): number {
  if (end <= start) return 1;
  return Math.min(1, Math.max(0, (now - start) / (end - start)));
}

/**
 * The phase of `fleet` at `now`. The way home starts when the fleet turned round, which is `returnAt` minus
 * the survivors' own flight time (a battle may have cost the slowest ships, so it can differ from the way out);
 * before that moment the fleet is still in its battle.
 */
export function flightPhase(fleet: FleetInFlight, now: number, gameSpeed: number): FlightPhase {
  if (fleet.status === 'fighting') return { status: 'fighting', endsAt: null, remaining: null };
  if (fleet.status === 'outbound') {
    if (now >= fleet.arriveAt) return { status: 'arriving' };
    return { status: 'outbound', endsAt: fleet.arriveAt, remaining: fleet.arriveAt - now, progress: progressBetween(fleet.departAt, fleet.arriveAt, now) };
  }
  const returnAt = fleet.returnAt ?? fleet.arriveAt;
  if (now >= returnAt) return { status: 'docking' };
  const start = Math.max(fleet.arriveAt, returnAt - travelDuration(fleet.ships, fleet.mission.distance, gameSpeed));
  // battles are resolved at arrival but take game time: until the survivors turn round, they are still fighting
  if (now < start && now >= fleet.arriveAt) return { status: 'fighting', endsAt: start, remaining: start - now };
  return { status: 'returning', endsAt: returnAt, remaining: returnAt - now, progress: progressBetween(start, returnAt, now) };
}
