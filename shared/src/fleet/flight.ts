import { zeroCost, type Cost } from '../content/resources';
import type { ShipCounts } from '../content/ships';
import { fail, ok, type Result } from '../errors';
import type { FleetInFlight, Town } from '../town/Town';
import { fullCounts, landFleet, shipTotal, travelDuration } from './fleets';
import { takeMission } from './missions';

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
  const fleet: FleetInFlight = {
    id: fleetId,
    mission: { kind: mission.kind, target: mission.id, title: mission.title, distance: mission.distance, pirates: { ...mission.pirates }, reward: { ...mission.reward } },
    status: 'outbound',
    ships: plan.ships,
    cargo: zeroCost(),
    departAt: plan.departAt,
    arriveAt: plan.arriveAt,
    returnAt: null,
    battleId: null,
  };
  return ok({ town: { ...taken.value.town, fleets: [...taken.value.town.fleets, fleet] }, fleet });
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
