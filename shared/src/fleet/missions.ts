import type { Cost } from '../content/resources';
import type { ShipCounts } from '../content/ships';
import { fail, ok, type Result } from '../errors';
import { createRng, hashString, type Rng } from '../random';
import type { Town } from '../town/Town';
import { fitCargo } from './cargo';
import { cargoCapacity, launchFleet, type FlightPlan } from './fleets';

/** How long a mission board stays up at game speed 1 before a new one is drawn. */
export const MISSION_REFRESH_MS = 2 * 3_600_000;

export type MissionKind = 'patrol' | 'salvage' | 'expedition';

/** A mission on a town's board. Drawn from a seed, so server and browser show the same board. */
export interface Mission {
  id: string;
  kind: MissionKind;
  title: string;
  description: string;
  /** one-way distance */
  distance: number;
  /** patrol: the pirates to beat; expedition: who may lie in ambush */
  pirates: ShipCounts;
  /** patrol: the bounty paid on victory (carried home, up to cargo room); salvage/expedition: the find */
  reward: Cost;
}

export interface MissionBoard {
  epoch: number;
  refreshesAt: number;
  missions: Mission[];
}

const between = (rng: Rng, min: number, max: number) => rng.int(min, max);
const cost = (metal: number, crystal: number, fuel: number): Cost => ({ metal, crystal, fuel });

function patrol(rng: Rng, id: string, hard: boolean): Mission {
  const pirates: ShipCounts = hard ? { fighter: between(rng, 6, 12), frigate: between(rng, 1, 3) } : { fighter: between(rng, 2, 5) };
  const scale = hard ? 4 : 1;
  return {
    id,
    kind: 'patrol',
    title: hard ? 'Break a pirate wing' : 'Chase off raiders',
    description: hard
      ? 'A pirate wing with frigate support is preying on the trade lanes. The guild pays well to see it gone.'
      : 'A handful of pirate fighters harass the mining convoys. Drive them off for a bounty.',
    distance: between(rng, 2000, 8000),
    pirates,
    reward: cost(between(rng, 1500, 3000) * scale, between(rng, 800, 1500) * scale, between(rng, 200, 500) * scale),
  };
}

function salvage(rng: Rng, id: string): Mission {
  return {
    id,
    kind: 'salvage',
    title: 'Salvage a wreck field',
    description: 'Hulls from an old battle drift in the belt. Bring haulers: whatever fits in the holds is yours.',
    distance: between(rng, 3000, 10_000),
    pirates: {},
    reward: cost(between(rng, 2000, 8000), between(rng, 1000, 4000), between(rng, 0, 1000)),
  };
}

function expedition(rng: Rng, id: string): Mission {
  return {
    id,
    kind: 'expedition',
    title: 'Expedition into the dark',
    description: 'Uncharted space: a rich find, a pirate ambush, or nothing at all. Some fleets never come back.',
    distance: between(rng, 10_000, 30_000),
    pirates: { fighter: between(rng, 4, 10), frigate: between(rng, 0, 2) },
    reward: cost(between(rng, 5000, 20_000), between(rng, 3000, 10_000), between(rng, 500, 3000)),
  };
}

/** The board of `townId` at `now`: four missions, the same for everyone who asks until `refreshesAt`. */
export function missionBoard(townId: string, now: number, speed: number): MissionBoard {
  const period = MISSION_REFRESH_MS / speed;
  const epoch = Math.floor(now / period);
  const rng = createRng(hashString(`${townId}:${epoch}`));
  const id = (i: number) => `${epoch}-${i}`;
  return {
    epoch,
    refreshesAt: Math.round((epoch + 1) * period),
    missions: [patrol(rng, id(0), false), patrol(rng, id(1), true), salvage(rng, id(2)), expedition(rng, id(3))],
  };
}

/**
 * Sends `ships` on mission `missionId` of the town's current board: checks the mission is there and not yet
 * flown (salvage needs cargo room), then launches the fleet and marks the mission taken.
 */
export function takeMission(
  town: Town,
  townId: string,
  missionId: string,
  ships: ShipCounts,
  now: number,
): Result<{ town: Town; plan: FlightPlan; mission: Mission }> {
  const board = missionBoard(townId, now, town.speed);
  const mission = board.missions.find((m) => m.id === missionId);
  if (!mission) return fail('mission/unknown');
  if (town.missionsTaken.includes(missionId)) return fail('mission/taken');
  if (mission.kind === 'salvage' && cargoCapacity(ships) === 0) return fail('fleet/no-cargo');
  const launched = launchFleet(town, ships, mission.distance, now);
  if (!launched.ok) return launched;
  const stillOnBoard = new Set(board.missions.map((m) => m.id));
  const missionsTaken = [...launched.value.town.missionsTaken.filter((id) => stillOnBoard.has(id)), missionId];
  return ok({ town: { ...launched.value.town, missionsTaken }, plan: launched.value.plan, mission });
}

/** What a fleet finds when it reaches its mission. */
export type MissionArrival =
  | { kind: 'battle'; pirates: ShipCounts; bounty: Cost }
  | { kind: 'loot'; cargo: Cost }
  | { kind: 'lost' }
  | { kind: 'nothing' };

/** Decides, from the fleet's id as seed, what happens on arrival. Patrols always fight. */
export function missionArrival(mission: Pick<Mission, 'id' | 'kind' | 'pirates' | 'reward'>, fleetId: string, ships: ShipCounts): MissionArrival {
  const rng = createRng(hashString(`${fleetId}:${mission.id}`));
  switch (mission.kind) {
    case 'patrol':
      return { kind: 'battle', pirates: mission.pirates, bounty: mission.reward };
    case 'salvage': {
      const found = rng.float() < 0.85;
      return found ? { kind: 'loot', cargo: fitCargo(mission.reward, cargoCapacity(ships)) } : { kind: 'nothing' };
    }
    case 'expedition': {
      const roll = rng.float();
      if (roll < 0.45) return { kind: 'loot', cargo: fitCargo(mission.reward, cargoCapacity(ships)) };
      if (roll < 0.7) return { kind: 'battle', pirates: mission.pirates, bounty: { metal: 0, crystal: 0, fuel: 0 } };
      if (roll < 0.8) return { kind: 'lost' };
      return { kind: 'nothing' };
    }
  }
}
