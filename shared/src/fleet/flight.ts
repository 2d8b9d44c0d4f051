import { zeroCost, type Cost } from '../content/resources';
import { SHIPS, SHIP_INFO, type ShipCounts } from '../content/ships';
import { fail, ok, type Result } from '../errors';
import type { FleetInFlight, FleetMission, Town } from '../town/Town';
import { fullCounts, landFleet, launchFleet, shipTotal, travelDuration, type FlightPlan } from './fleets';
import { takeMission } from './missions';
import { checkRaid, RAID_DISTANCE } from './raids';

/** Fleets a starbase can have away at once. */
export const MAX_FLEETS_IN_FLIGHT = 10;

function replaceFleet(town: Town, fleet: FleetInFlight): Town {
  return { ...town, fleets: town.fleets.map((f) => (f.id === fleet.id ? fleet : f)) };
}

/**
 * Sends `ships` on mission `missionId` of the board. The fleet id comes from the caller (the server makes
 * it), so this stays pure. The fleet carries a copy of the mission: the board may refresh while it flies.
 */
export function dispatchMission(town: Town, townId: string, missionId: string, ships: ShipCounts, fleetId: string, now: number): Result<{ town: Town; fleet: FleetInFlight }> {
  if (town.fleets.length >= MAX_FLEETS_IN_FLIGHT) return fail('fleet/too-many');
  const taken = takeMission(town, townId, missionId, ships, now);
  if (!taken.ok) return taken;
  const { plan, mission } = taken.value;
  const flying = { kind: mission.kind, target: mission.id, title: mission.title, distance: mission.distance, pirates: { ...mission.pirates }, reward: { ...mission.reward } };
  return ok(departs(taken.value.town, plan, fleetId, flying));
}

/** The town after a launch, with the new fleet away (outbound, empty holds) at the end of its list. */
function departs(town: Town, plan: FlightPlan, fleetId: string, mission: FleetMission): { town: Town; fleet: FleetInFlight } {
  const fleet: FleetInFlight = {
    id: fleetId,
    mission,
    status: 'outbound',
    ships: plan.ships,
    cargo: zeroCost(),
    departAt: plan.departAt,
    arriveAt: plan.arriveAt,
    returnAt: null,
    battleId: null,
  };
  return { town: { ...town, fleets: [...town.fleets, fleet] }, fleet };
}

/** The starbase a raid flies to, as the server reads it from storage. */
export interface RaidTarget {
  townId: string;
  /** its name, for the fleet's title */
  name: string;
  /** its rules state (only its founding time and speed matter here: newcomer protection) */
  town: Town;
}

/**
 * Whether `ships` hold a ship that can fire in a battle (weapon range above 0: today all but the scout; a hauler's
 * token gun counts). Only positive counts count.
 */
export function hasArmedShip(ships: ShipCounts): boolean {
  return SHIPS.some((s) => (ships[s] ?? 0) > 0 && SHIP_INFO[s].combat.range > 0);
}

/** The longest fleet title a snapshot keeps (townSchema); a long starbase name is cut to fit. */
const MAX_TITLE = 200;

/**
 * Sends `ships` to raid `target`, RAID_DISTANCE away: the same launch as a mission (ships leave the dock, fuel
 * for both ways is paid), refused for the player's own starbase, a protected newcomer, or a fleet with no guns.
 * Who defends and what can be taken is decided on arrival, so the fleet carries no pirates and no reward.
 */
export function dispatchRaid(town: Town, townId: string, target: RaidTarget, ships: ShipCounts, fleetId: string, now: number): Result<{ town: Town; fleet: FleetInFlight }> {
  if (town.fleets.length >= MAX_FLEETS_IN_FLIGHT) return fail('fleet/too-many');
  const refused = checkRaid(townId, target.townId, target.town, now);
  if (refused) return fail(refused);
  // an invalid or empty pick is launchFleet's to refuse ('fleet/not-enough-ships', 'fleet/empty')
  if (shipTotal(ships) > 0 && !hasArmedShip(ships)) return fail('raid/unarmed');
  const launched = launchFleet(town, ships, RAID_DISTANCE, now);
  if (!launched.ok) return launched;
  const raid = { kind: 'raid' as const, target: target.townId, title: `Raid on ${target.name}`.slice(0, MAX_TITLE), distance: RAID_DISTANCE, pirates: {}, reward: zeroCost() };
  return ok(departs(launched.value.town, launched.value.plan, fleetId, raid));
}

/** The fleet reached a battle: it stays there, fighting, until the battle is over. Only an outbound fleet can. */
export function fleetEntersBattle(town: Town, fleetId: string, battleId: string): Town {
  const fleet = town.fleets.find((f) => f.id === fleetId);
  if (!fleet || fleet.status !== 'outbound') return town;
  return replaceFleet(town, { ...fleet, status: 'fighting', battleId });
}

/**
 * The fleet is done at its destination at time `at`: the survivors turn home with `cargo` and land one
 * flight later. With no survivors the fleet is gone. Applying this to a fleet already on its way home (or
 * gone) changes nothing, so a repeated delivery is harmless.
 */
export function fleetTurnsHome(town: Town, fleetId: string, outcome: { survivors: ShipCounts; cargo: Cost }, at: number): Town {
  const fleet = town.fleets.find((f) => f.id === fleetId);
  if (!fleet || fleet.status === 'returning') return town;
  const ships = fullCounts(outcome.survivors);
  if (shipTotal(ships) === 0) return { ...town, fleets: town.fleets.filter((f) => f.id !== fleetId) };
  const returnAt = at + travelDuration(ships, fleet.mission.distance, town.speed);
  return replaceFleet(town, { ...fleet, status: 'returning', ships, cargo: { ...outcome.cargo }, returnAt });
}

/** A returning fleet lands at `now` (its return time or later): ships dock, cargo unloads, the fleet is done. */
export function fleetLands(town: Town, fleetId: string, now: number): Town {
  const fleet = town.fleets.find((f) => f.id === fleetId);
  if (!fleet || fleet.status !== 'returning' || fleet.returnAt === null || now < fleet.returnAt) return town;
  const landed = landFleet(town, { id: fleet.id, ships: fleet.ships, cargo: fleet.cargo }, fleet.returnAt);
  return { ...landed, fleets: landed.fleets.filter((f) => f.id !== fleetId) };
}
