import {
  ERROR_MESSAGES,
  MAX_FLEETS_IN_FLIGHT,
  SHIPS,
  SHIP_INFO,
  amountAt,
  cargoCapacity,
  fuelCost,
  shipTotal,
  travelDuration,
  type ErrorCode,
  type Mission,
  type ShipCounts,
  type ShipId,
  type Town,
} from '@starscape/shared';
import { fleetTotals } from './fleetTotals';

/** What the composer shows about a fleet before it leaves: the same numbers the server will use. */
export interface FleetPlanSummary {
  ships: number;
  /** one way, ms */
  flightMs: number;
  /** fuel for the way out and back, paid at departure */
  fuel: number;
  fuelInStock: number;
  cargo: number;
}

/** Sums up `ships` sent on `mission` from `town` (advanced to `now`). */
export function planFleet(town: Town, mission: Pick<Mission, 'distance'>, ships: ShipCounts, now: number): FleetPlanSummary {
  return {
    ships: shipTotal(ships),
    flightMs: travelDuration(ships, mission.distance, town.speed),
    fuel: 2 * fuelCost(ships, mission.distance),
    fuelInStock: amountAt(town, 'fuel', now),
    cargo: cargoCapacity(ships),
  };
}

/** Why a fleet cannot launch: the code the server would answer, and a sentence that says what to change. */
export interface LaunchProblem {
  code: ErrorCode;
  reason: string;
}

const plural = (ship: ShipId, n: number) => (n === 1 ? SHIP_INFO[ship].name : `${SHIP_INFO[ship].name}s`);

/**
 * The first thing that stops `ships` from flying `mission` now, or null when the server should accept it.
 * Checks what the rules check (`dispatchMission`), in the order a player fixes them: the mission, then the
 * hangar, then the ships picked, then fuel.
 */
export function launchProblem(town: Town, mission: Mission, ships: ShipCounts, now: number): LaunchProblem | null {
  const problem = (code: ErrorCode, reason: string = ERROR_MESSAGES[code]): LaunchProblem => ({ code, reason });
  if (town.missionsTaken.includes(mission.id)) return problem('mission/taken', 'Your fleets already flew this mission: pick another one.');
  if (town.fleets.length >= MAX_FLEETS_IN_FLIGHT) return problem('fleet/too-many', `${MAX_FLEETS_IN_FLIGHT} fleets are away: wait for one to come home.`);
  if (shipTotal(ships) === 0) return problem('fleet/empty');
  for (const s of SHIPS) {
    const wanted = ships[s] ?? 0;
    if (wanted > town.ships[s]) return problem('fleet/not-enough-ships', `Only ${town.ships[s].toLocaleString('en-US')} ${plural(s, town.ships[s])} docked.`);
  }
  if (mission.kind === 'salvage' && cargoCapacity(ships) === 0) return problem('fleet/no-cargo', 'Salvage needs cargo room: add a hauler (or any ship with a hold).');
  const plan = planFleet(town, mission, ships, now);
  if (plan.fuelInStock < plan.fuel) {
    const short = Math.ceil(plan.fuel - plan.fuelInStock);
    return problem('fleet/not-enough-fuel', `Needs ${plan.fuel.toLocaleString('en-US')} fuel for the round trip: ${short.toLocaleString('en-US')} short.`);
  }
  return null;
}

export type StrengthVerdict = 'favoured' | 'close' | 'outgunned';

export interface StrengthHint {
  verdict: StrengthVerdict;
  /** your attack × hull over the pirates' (Infinity when they bring nothing that fights) */
  ratio: number;
  mine: { attack: number; hull: number };
  theirs: { attack: number; hull: number };
}

/** attack × hull: how long a fleet lasts times how hard it hits — a rough, Lanchester-like measure. */
const power = (t: { attack: number; hull: number }) => t.attack * t.hull;

/**
 * A rough guess at a fight, not a prediction (the battle has range, shields and evasion): your total
 * attack·hull against the pirates'. Null when there is nobody to fight.
 */
export function strengthHint(ships: ShipCounts, pirates: ShipCounts): StrengthHint | null {
  const them = fleetTotals(pirates);
  if (them.ships === 0) return null;
  const me = fleetTotals(ships);
  const theirs = { attack: them.attack, hull: them.hull };
  const mine = { attack: me.attack, hull: me.hull };
  const ratio = power(theirs) === 0 ? Infinity : power(mine) / power(theirs);
  const verdict: StrengthVerdict = ratio >= 2 ? 'favoured' : ratio >= 0.8 ? 'close' : 'outgunned';
  return { verdict, ratio, mine, theirs };
}

export const VERDICT_TEXT: Record<StrengthVerdict, string> = {
  favoured: 'Favoured',
  close: 'Close fight',
  outgunned: 'Outgunned',
};

/** `count` clamped to 0..docked (whole ships). */
export function clampShips(count: number, docked: number): number {
  if (!Number.isFinite(count)) return 0;
  return Math.max(0, Math.min(Math.floor(docked), Math.floor(count)));
}

/** The picked counts without the zeros, as `fleet:dispatch` takes them. */
export function dispatchShips(ships: ShipCounts): ShipCounts {
  const out: ShipCounts = {};
  for (const s of SHIPS) if ((ships[s] ?? 0) > 0) out[s] = ships[s];
  return out;
}
