import { matchMaker } from '@colyseus/core';
import { RoomName } from '@starscape/shared';
import type { Logger } from '../logger';
import type { BattleRepository } from '../persistence/BattleRepository';

/**
 * Starts combat rooms: for a battle that just began, and on start-up for every battle the record says is
 * still running (the room catches up from the record, or finishes it at once if its time is over). The
 * room id is the battle id, so a battle already live anywhere is not opened twice from this process.
 */
export class LiveBattles {
  private readonly opening = new Map<string, Promise<void>>();

  constructor(private readonly deps: { battles: BattleRepository; logger: Logger }) {}

  /** Makes sure the battle's room runs. Never throws: the scheduled settlement covers a room that failed. */
  open(battleId: string): Promise<void> {
    const inFlight = this.opening.get(battleId);
    if (inFlight) return inFlight;
    const opening = this.create(battleId).finally(() => this.opening.delete(battleId));
    this.opening.set(battleId, opening);
    return opening;
  }

  /** Re-opens every running battle (on start). */
  async resumeRunning(): Promise<number> {
    const running = await this.deps.battles.listRunning();
    for (const battle of running) await this.open(battle.id);
    if (running.length > 0) this.deps.logger.info('resumed running battles', { count: running.length });
    return running.length;
  }

  private async create(battleId: string): Promise<void> {
    try {
      if (await matchMaker.getRoomById(battleId)) return;
      await matchMaker.createRoom(RoomName.Combat, { battleId });
    } catch (error) {
      this.deps.logger.warn('could not open a combat room; its results will be settled from the record', { battleId, error: String(error) });
    }
  }
}
