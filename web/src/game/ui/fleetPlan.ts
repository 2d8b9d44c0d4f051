import {
  MAX_SHIPS_PER_SIDE,
  ERROR_MESSAGES,
  MAX_FLEETS_IN_FLIGHT,
  RAID_DISTANCE,
  SHIPS,
  SHIP_INFO,
  amountAt,
  cargoCapacity,
  fuelCost,
  hasArmedShip,
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
  if (town.missionsTaken.includes(mission.id)) return problem('mission/taken', 'Your fleets already flew this mission: pick another one.');
  return (
    hangarProblem(town) ??
    pickProblem(town, ships) ??
    (mission.kind === 'salvage' && cargoCapacity(ships) === 0 ? problem('fleet/no-cargo', 'Salvage needs cargo room: add a hauler (or any ship with a hold).') : null) ??
    fuelProblem(town, mission.distance, ships, now)
  );
}

/**
 * The first thing that stops `ships` from raiding now, or null when the server should accept it (`dispatchRaid`;
 * whether the target is still open to raids is the server's to say). Same order as for a mission.
 */
export function raidProblem(town: Town, ships: ShipCounts, now: number): LaunchProblem | null {
  return (
    hangarProblem(town) ??
    pickProblem(town, ships) ??
    (hasArmedShip(ships) ? null : problem('raid/unarmed', 'A raid needs at least one armed ship: scouts cannot fight.')) ??
    fuelProblem(town, RAID_DISTANCE, ships, now)
  );
}

const problem = (code: ErrorCode, reason: string = ERROR_MESSAGES[code]): LaunchProblem => ({ code, reason });

function hangarProblem(town: Town): LaunchProblem | null {
  return town.fleets.length >= MAX_FLEETS_IN_FLIGHT ? problem('fleet/too-many', `${MAX_FLEETS_IN_FLIGHT} fleets are away: wait for one to come home.`) : null;
}

function pickProblem(town: Town, ships: ShipCounts): LaunchProblem | null {
  if (shipTotal(ships) === 0) return problem('fleet/empty');
  for (const s of SHIPS) {
    const wanted = ships[s] ?? 0;
    if (wanted > town.ships[s]) return problem('fleet/not-enough-ships', `Only ${town.ships[s].toLocaleString('en-US')} ${plural(s, town.ships[s])} docked.`);
  }
  const total = shipTotal(ships);
  if (total > MAX_SHIPS_PER_SIDE) return problem('fleet/too-large', `At most ${MAX_SHIPS_PER_SIDE} ships fly into one battle: ${(total - MAX_SHIPS_PER_SIDE).toLocaleString('en-US')} too many.`);
  return null;
}

function fuelProblem(town: Town, distance: number, ships: ShipCounts, now: number): LaunchProblem | null {
  const plan = planFleet(town, { distance }, ships, now);
  if (plan.fuelInStock >= plan.fuel) return null;
  const short = Math.ceil(plan.fuel - plan.fuelInStock);
  return problem('fleet/not-enough-fuel', `Needs ${plan.fuel.toLocaleString('en-US')} fuel for the round trip: ${short.toLocaleString('en-US')} short.`);
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

/** The picked counts without the zeros, as `fleet:dispatch` and `fleet:raid` take them. */
export function dispatchShips(ships: ShipCounts): ShipCounts {
  const out: ShipCounts = {};
  for (const s of SHIPS) if ((ships[s] ?? 0) > 0) out[s] = ships[s];
  return out;
}
