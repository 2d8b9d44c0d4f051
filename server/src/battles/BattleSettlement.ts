import {
  RESOURCES,
  STEPS_PER_SECOND,
  amountAt,
  battleStateSchema,
  cargoCapacity,
  combatOrderSchema,
  fitCargo,
  lootFor,
  missionArrival,
  outcome as battleOutcome,
  protectedAmount,
  resolveBattle,
  shipsValue,
  storedBattleOutcomeSchema,
  zeroCost,
  type BattleOutcome,
  type Cost,
  type ShipCounts,
  type StoredBattleOutcome,
} from '@starscape/shared';
import { z } from 'zod';
import type { Logger } from '../logger';
import type { BattleRecord, BattleRepository } from '../persistence/BattleRepository';
import type { EventQueue } from '../persistence/EventQueue';
import type { TownAccess } from '../towns/TownAccess';
import { fleetIdOf } from './battleIds';

/** Scheduled event kinds this module handles. */
export const BattleEvent = { Settle: 'battle/settle' } as const;

export interface BattleSettlePayload {
  battleId: string;
}

const STEP_MS = 1000 / STEPS_PER_SECOND;
/** The settlement event falls due this long after the latest moment the battle can end (its step limit). */
export const SETTLE_MARGIN_MS = 10_000;

/** Survivors that fly home: those still in the arena and those that escaped it. */
function homeward(result: BattleOutcome): ShipCounts {
  const ships: ShipCounts = {};
  for (const [ship, n] of Object.entries(result.survivors.attacker)) ships[ship as keyof ShipCounts] = n;
  for (const [ship, n] of Object.entries(result.escaped.attacker)) ships[ship as keyof ShipCounts] = (ships[ship as keyof ShipCounts] ?? 0) + n;
  return ships;
}

/**
 * Applies a battle's result to the towns, exactly once in effect. The outcome is computed from the record
 * (initial state + every stored order, through the shared simulation), so it is the battle the room ran and
 * the one a replay shows. Steps, each idempotent, so a run that dies half way is simply run again:
 * 1. finish the record with outcome and loot (once: a second run reads the stored ones back);
 * 2. the attacking fleet turns home with its survivors and the loot (a town rule that ignores a repeat);
 * 3. a raided town loses its destroyed ships and the loot (keyed by battle id in the town);
 *    each side is credited with the value of the enemy ships it destroyed (points; keyed by battle id too);
 * 4. the record notes that the results are applied.
 * The combat room calls this when its battle ends; a scheduled event calls it after the latest possible end,
 * for battles whose room died with its process.
 */
export class BattleSettlement {
  constructor(private readonly deps: { battles: BattleRepository; towns: TownAccess; events: Pick<EventQueue, 'schedule'>; logger: Logger; now: () => number }) {}

  /** Schedules the fallback settlement of a battle that just started (at most once per battle). */
  async schedule(record: Pick<BattleRecord, 'id' | 'startedAt' | 'initial'>): Promise<void> {
    const maxSteps = battleStateSchema.parse(record.initial).maxSteps;
    const dueAt = new Date(record.startedAt.getTime() + maxSteps * STEP_MS + SETTLE_MARGIN_MS);
    const payload: BattleSettlePayload = { battleId: record.id };
    await this.deps.events.schedule({ kind: BattleEvent.Settle, dueAt, payload, dedupeKey: `settle:${record.id}` });
  }

  async settle(battleId: string): Promise<void> {
    const record = await this.deps.battles.get(battleId);
    if (!record || record.resultsAppliedAt) return;
    const { result, endedAt } = record.status === 'finished' ? this.stored(record) : await this.finish(record);
    const loot = result.loot ?? zeroCost();
    const fleetId = fleetIdOf(battleId);
    const killedByAttacker = shipsValue(result.losses.defender);
    const killedByDefender = shipsValue(result.losses.attacker);
    await this.deps.towns.update(record.attackerTownId, { kind: 'attacker-result', battleId, fleetId, killed: killedByAttacker, survivors: homeward(result), loot, endedAt });
    if (record.defenderTownId) {
      await this.deps.towns.update(record.defenderTownId, { kind: 'defender-result', battleId, lost: result.losses.defender, looted: loot, killed: killedByDefender, endedAt });
    }
    await this.deps.battles.markResultsApplied(battleId, new Date(Math.max(endedAt, this.deps.now())));
    this.deps.logger.info('battle results applied', { battleId, winner: result.winner, steps: result.steps });
  }

  /** Resolves the record to its end, works out the loot and stores both; returns what is stored. */
  private async finish(record: BattleRecord): Promise<{ result: StoredBattleOutcome; endedAt: number }> {
    const initial = battleStateSchema.parse(record.initial);
    const orders = z.array(combatOrderSchema).parse(record.orders);
    const final = resolveBattle(initial, orders);
    const result = battleOutcome(final);
    const endedAt = record.startedAt.getTime() + final.step * STEP_MS;
    const stored: StoredBattleOutcome = { ...result, loot: await this.loot(record, result) };
    const finishedNow = await this.deps.battles.finish(record.id, stored, new Date(endedAt));
    if (finishedNow) return { result: stored, endedAt };
    // finished in between by another run: use what it stored, so every town gets the same loot
    const again = await this.deps.battles.get(record.id);
    return this.stored(again ?? record);
  }

  private stored(record: BattleRecord): { result: StoredBattleOutcome; endedAt: number } {
    const result = storedBattleOutcomeSchema.parse(record.outcome);
    return { result, endedAt: record.finishedAt?.getTime() ?? record.startedAt.getTime() + result.steps * STEP_MS };
  }

  /**
   * What the winning attacker carries home: a mission's bounty, or from a raided town what it holds beyond
   * its protected amount (at this moment); both fitted to the surviving ships' cargo room.
   */
  private async loot(record: BattleRecord, result: BattleOutcome): Promise<Cost> {
    if (result.winner !== 'attacker') return zeroCost();
    const capacity = cargoCapacity(result.survivors.attacker);
    if (record.defenderTownId) {
      const defender = await this.deps.towns.read(record.defenderTownId);
      if (!defender) return zeroCost();
      const now = Math.max(defender.since, this.deps.now());
      const stock = zeroCost();
      for (const r of RESOURCES) stock[r] = amountAt(defender, r, now);
      return lootFor(result, stock, protectedAmount(defender), capacity);
    }
    const fleetId = fleetIdOf(record.id);
    const attacker = await this.deps.towns.read(record.attackerTownId);
    const fleet = attacker?.fleets.find((f) => f.id === fleetId);
    if (!fleet || fleet.mission.kind === 'raid') return zeroCost();
    const arrival = missionArrival({ id: fleet.mission.target, kind: fleet.mission.kind, pirates: fleet.mission.pirates, reward: fleet.mission.reward }, fleet.id, fleet.ships);
    return arrival.kind === 'battle' ? fitCargo(arrival.bounty, capacity) : zeroCost();
  }
}
