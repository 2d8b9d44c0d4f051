import {
  createBattle,
  defendingShips,
  hashString,
  missionArrival,
  zeroCost,
  type BattleSetup,
  type FleetInFlight,
} from '@starscape/shared';
import { battleIdOf } from '../battles/battleIds';
import type { BattleSettlement } from '../battles/BattleSettlement';
import type { LiveBattles } from '../battles/LiveBattles';
import type { Logger } from '../logger';
import type { BattleKind, BattleRecord, BattleRepository } from '../persistence/BattleRepository';
import type { EventQueue } from '../persistence/EventQueue';
import type { TownRepository } from '../persistence/TownRepository';
import type { TownAccess } from '../towns/TownAccess';

export { battleIdOf } from '../battles/battleIds';

/** Scheduled event kinds this module handles. */
export const FleetEvent = { Arrive: 'fleet/arrive' } as const;

export interface FleetArrivePayload {
  townId: string;
  fleetId: string;
}

/** A battle about to start: who fights whom, from which moment. */
interface BattleStart {
  id: string;
  kind: BattleKind;
  attackerTownId: string;
  defenderTownId: string | null;
  startedAt: number;
  setup: BattleSetup;
}

/**
 * What happens when a fleet reaches its mission, run by the scheduler at the fleet's arrival time (or on the
 * first poll after a downtime). Everything is derived from the fleet: its id seeds the arrival roll and the
 * battle, times come from its arrival time, not the clock. So a handler that runs twice (a retry, a takeover
 * after a crash) finds the same battle and the town rules ignore the repeat.
 *
 * A mission without a fight turns the fleet home at once. A fight (pirates, or a raided starbase's docked
 * ships and defense grid) is recorded, its fallback settlement scheduled, the fleet (and a raided town) told,
 * and its combat room opened: the room runs it live and settles it at the end.
 */
export class FleetArrivals {
  constructor(
    private readonly deps: {
      towns: TownAccess;
      townRecords: TownRepository;
      battles: BattleRepository;
      events: Pick<EventQueue, 'schedule'>;
      settlement: BattleSettlement;
      live: LiveBattles;
      logger: Logger;
    },
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
    const battleId = battleIdOf(fleetId);
    if (fleet.mission.kind === 'raid') return this.raidArrives(townId, fleet, battleId);

    const { mission } = fleet;
    const kind = mission.kind as Exclude<typeof mission.kind, 'raid'>;
    const arrival = missionArrival({ id: mission.target, kind, pirates: mission.pirates, reward: mission.reward }, fleet.id, fleet.ships);
    if (arrival.kind !== 'battle') {
      const survivors = arrival.kind === 'lost' ? {} : fleet.ships;
      const cargo = arrival.kind === 'loot' ? arrival.cargo : zeroCost();
      await this.deps.towns.update(townId, { kind: 'fleet-turns-home', fleetId, survivors, cargo, at: fleet.arriveAt });
      this.deps.logger.info('fleet arrived', { townId, fleetId, result: arrival.kind });
      return;
    }
    await this.begin(fleet, {
      id: battleId,
      kind: mission.kind === 'expedition' ? 'expedition' : 'patrol',
      attackerTownId: townId,
      defenderTownId: null,
      startedAt: fleet.arriveAt,
      setup: { seed: hashString(battleId), attacker: { ships: fleet.ships }, defender: { ships: arrival.pirates } },
    });
  }

  /** Raiders reach a starbase: they fight what is docked there and its defense grid, as of this moment. */
  private async raidArrives(townId: string, fleet: FleetInFlight, battleId: string): Promise<void> {
    const targetId = fleet.mission.target;
    const existing = await this.deps.battles.get(battleId);
    const target = existing ? null : await this.deps.towns.read(targetId);
    if (!existing && !target) {
      // the starbase is gone (its account was deleted): nothing to fight, the raiders fly home
      await this.deps.towns.update(townId, { kind: 'fleet-turns-home', fleetId: fleet.id, survivors: fleet.ships, cargo: zeroCost(), at: fleet.arriveAt });
      this.deps.logger.info('raid found no starbase', { townId, fleetId: fleet.id, targetId });
      return;
    }
    await this.begin(fleet, {
      id: battleId,
      kind: 'raid',
      attackerTownId: townId,
      defenderTownId: targetId,
      startedAt: fleet.arriveAt,
      setup: {
        seed: hashString(battleId),
        attacker: { ships: fleet.ships },
        defender: { ships: target ? defendingShips(target.ships) : {}, defenseStrength: target?.buildings.defenseGrid ?? 0 },
      },
    });
  }

  /** Records the battle (once), schedules its settlement, tells the towns, opens the room. Each step is idempotent. */
  private async begin(fleet: FleetInFlight, start: BattleStart): Promise<void> {
    const record = (await this.deps.battles.get(start.id)) ?? (await this.record(start));
    await this.deps.settlement.schedule(record);
    await this.deps.towns.update(start.attackerTownId, { kind: 'fleet-enters-battle', fleetId: fleet.id, battleId: start.id });
    if (start.defenderTownId) {
      const attacker = await this.deps.townRecords.load(start.attackerTownId);
      const defense = { battleId: start.id, attackerName: attacker?.name ?? 'Unknown raiders', startedAt: start.startedAt };
      await this.deps.towns.update(start.defenderTownId, { kind: 'defense-begins', defense });
    }
    await this.deps.live.open(start.id);
    this.deps.logger.info('battle started', { battleId: start.id, kind: start.kind, attackerTownId: start.attackerTownId, defenderTownId: start.defenderTownId });
  }

  private async record(start: BattleStart): Promise<BattleRecord> {
    try {
      return await this.deps.battles.create({
        id: start.id,
        seed: start.setup.seed >>> 0,
        startedAt: new Date(start.startedAt),
        attackerTownId: start.attackerTownId,
        defenderTownId: start.defenderTownId,
        kind: start.kind,
        initial: createBattle(start.setup),
      });
    } catch (error) {
      // created meanwhile by another run of this arrival: use that one
      const existing = await this.deps.battles.get(start.id);
      if (existing) return existing;
      throw error;
    }
  }
}
