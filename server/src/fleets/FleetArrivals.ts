import {
  STEPS_PER_SECOND,
  battleStateSchema,
  cargoCapacity,
  combatOrderSchema,
  createBattle,
  fitCargo,
  fleetEntersBattle,
  fleetTurnsHome,
  hashString,
  missionArrival,
  outcome as battleOutcome,
  resolveBattle,
  zeroCost,
  type BattleOutcome,
  type FleetInFlight,
  type ShipCounts,
  type StoredBattleOutcome,
} from '@starscape/shared';
import type { Logger } from '../logger';
import type { BattleKind, BattleRepository } from '../persistence/BattleRepository';
import type { EventQueue } from '../persistence/EventQueue';
import type { TownAccess } from '../towns/TownAccess';

/** Scheduled event kinds this module handles. */
export const FleetEvent = { Arrive: 'fleet/arrive' } as const;

export interface FleetArrivePayload {
  townId: string;
  fleetId: string;
}

/** The battle id of a fleet's fight: derived, so a repeated arrival finds the same battle. */
export const battleIdOf = (fleetId: string) => `b-${fleetId}`;

/** Survivors that fly home: those still in the arena and those that escaped it. */
function homeward(outcome: BattleOutcome): ShipCounts {
  const ships: ShipCounts = {};
  for (const [ship, n] of Object.entries(outcome.survivors.attacker)) ships[ship as keyof ShipCounts] = n;
  for (const [ship, n] of Object.entries(outcome.escaped.attacker)) ships[ship as keyof ShipCounts] = (ships[ship as keyof ShipCounts] ?? 0) + n;
  return ships;
}

/**
 * What happens when a fleet reaches its mission, run by the scheduler at the fleet's arrival time (or on the
 * first poll after a downtime). Everything is derived from the fleet: its id seeds the arrival roll and the
 * battle, times come from its arrival time, not the clock. So a handler that runs twice (a retry, a takeover
 * after a crash) finds the same battle, computes the same result, and the town rules ignore the repeat.
 */
export class FleetArrivals {
  constructor(
    private readonly deps: { towns: TownAccess; battles: BattleRepository; events: EventQueue; logger: Logger },
  ) {}

  /** Schedules the arrival of a fleet that just left (at most once per fleet). */
  async scheduleArrival(townId: string, fleet: FleetInFlight): Promise<void> {
    const payload: FleetArrivePayload = { townId, fleetId: fleet.id };
    await this.deps.events.schedule({ kind: FleetEvent.Arrive, dueAt: new Date(fleet.arriveAt), payload, dedupeKey: `arrive:${fleet.id}` });
  }

  async handleArrival({ townId, fleetId }: FleetArrivePayload): Promise<void> {
    const town = await this.deps.towns.read(townId);
    const fleet = town?.fleets.find((f) => f.id === fleetId);
    if (!fleet || fleet.status === 'returning') return; // never saved (crash before save), or already handled
    const arrival = missionArrival({ id: fleet.mission.target, kind: fleet.mission.kind as 'patrol' | 'salvage' | 'expedition', pirates: fleet.mission.pirates, reward: fleet.mission.reward }, fleet.id, fleet.ships);

    if (arrival.kind !== 'battle') {
      const survivors = arrival.kind === 'lost' ? {} : fleet.ships;
      const cargo = arrival.kind === 'loot' ? arrival.cargo : zeroCost();
      await this.deps.towns.update(townId, (t) => fleetTurnsHome(t, fleetId, { survivors, cargo }, fleet.arriveAt));
      this.deps.logger.info('fleet arrived', { townId, fleetId, result: arrival.kind });
      return;
    }

    const battleId = battleIdOf(fleetId);
    const final = await this.fight(battleId, townId, fleet, arrival.pirates);
    const result = battleOutcome(final);
    const survivors = homeward(result);
    const cargo = result.winner === 'attacker' ? fitCargo(arrival.bounty, cargoCapacity(survivors)) : zeroCost();
    const endedAt = fleet.arriveAt + Math.round((final.step * 1000) / STEPS_PER_SECOND);
    const stored: StoredBattleOutcome = { ...result, loot: cargo };
    await this.deps.battles.finish(battleId, stored, new Date(endedAt)); // once: a repeat finds it finished
    await this.deps.towns.update(townId, (t) => fleetTurnsHome(fleetEntersBattle(t, fleetId, battleId), fleetId, { survivors, cargo }, endedAt));
    await this.deps.battles.markResultsApplied(battleId, new Date(endedAt));
    this.deps.logger.info('fleet fought', { townId, fleetId, battleId, winner: result.winner, steps: final.step });
  }

  /** Records the battle (once) and resolves it to the end; a stored battle is replayed from its record. */
  private async fight(battleId: string, townId: string, fleet: FleetInFlight, pirates: ShipCounts) {
    let record = await this.deps.battles.get(battleId);
    if (!record) {
      const seed = hashString(battleId);
      const initial = createBattle({ seed, attacker: { ships: fleet.ships }, defender: { ships: pirates } });
      record = await this.deps.battles.create({
        id: battleId,
        seed,
        startedAt: new Date(fleet.arriveAt),
        attackerTownId: townId,
        defenderTownId: null,
        kind: fleet.mission.kind as BattleKind,
        initial,
      });
    }
    const initial = battleStateSchema.parse(record.initial);
    const orders = record.orders.map((o) => combatOrderSchema.parse(o));
    return resolveBattle(initial, orders);
  }
}
