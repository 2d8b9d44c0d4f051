import type { PrismaClient } from '@starscape/prisma';
import {
  BattleNotFoundError,
  BattleStateError,
  type BattleCursor,
  type BattleRecord,
  type BattleRepository,
  type BattleSummary,
  type NewBattle,
} from './BattleRepository';
import {
  SUMMARY_COLUMNS,
  assertPage,
  copyOrders,
  newBattleColumns,
  parseOrders,
  toBattleRecord,
  toBattleSummary,
} from './battleRow';
import { assertDate, toJsonText } from './jsonColumn';
import { KeyedSerializer } from './KeyedSerializer';

/**
 * How often an append retries after losing a compare-and-set to another process. One combat room drives a
 * battle, so losing at all is rare; losing this often means something else keeps rewriting the log.
 */
const APPEND_ATTEMPTS = 10;

/** A short random pause before retrying, so two processes appending in lockstep stop colliding. */
const jitter = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));

/** Battles in the `Battle` table. */
export class PrismaBattleRepository implements BattleRepository {
  private readonly appends = new KeyedSerializer();

  constructor(private readonly prisma: PrismaClient) {}

  async create(battle: NewBattle): Promise<BattleRecord> {
    const row = await this.prisma.battle.create({ data: newBattleColumns(battle) });
    return toBattleRecord(row);
  }

  appendOrders(battleId: string, orders: unknown[]): Promise<number> {
    const added = copyOrders(orders);
    // Appends to one battle run one at a time here, so two orders given in the same instant both land, in order.
    return this.appends.run(battleId, async () => {
      for (let attempt = 1; ; attempt++) {
        const row = await this.prisma.battle.findUnique({ where: { id: battleId }, select: { status: true, orders: true } });
        if (!row) throw new BattleNotFoundError(battleId);
        if (row.status !== 'running') throw new BattleStateError(battleId, 'finished', 'append orders');
        const all = [...parseOrders(battleId, row.orders), ...added];
        // Compare-and-set on the log as read: another process's append (or a finish) in between makes this a no-op.
        const { count } = await this.prisma.battle.updateMany({
          where: { id: battleId, status: 'running', orders: row.orders },
          data: { orders: toJsonText(all, 'battle orders') },
        });
        if (count === 1) return all.length;
        if (attempt === APPEND_ATTEMPTS) throw new Error(`battle ${battleId}: order log kept changing during append`);
        await jitter(attempt);
      }
    });
  }

  async finish(battleId: string, outcome: unknown, finishedAt: Date): Promise<boolean> {
    assertDate(finishedAt, 'battle finishedAt');
    const { count } = await this.prisma.battle.updateMany({
      where: { id: battleId, status: 'running' },
      data: { status: 'finished', outcome: toJsonText(outcome, 'battle outcome'), finishedAt },
    });
    if (count === 1) return true;
    await this.statusOf(battleId); // throws if there is no such battle
    return false;
  }

  async markResultsApplied(battleId: string, appliedAt: Date): Promise<boolean> {
    assertDate(appliedAt, 'battle resultsAppliedAt');
    const { count } = await this.prisma.battle.updateMany({
      where: { id: battleId, status: 'finished', resultsAppliedAt: null },
      data: { resultsAppliedAt: appliedAt },
    });
    if (count === 1) return true;
    if ((await this.statusOf(battleId)) === 'running') {
      throw new BattleStateError(battleId, 'running', 'mark results applied');
    }
    return false;
  }

  async get(battleId: string): Promise<BattleRecord | null> {
    const row = await this.prisma.battle.findUnique({ where: { id: battleId } });
    return row ? toBattleRecord(row) : null;
  }

  async listForTown(townId: string, page: { limit: number; before?: BattleCursor }): Promise<BattleSummary[]> {
    assertPage(page);
    const { before } = page;
    const rows = await this.prisma.battle.findMany({
      where: {
        AND: [
          { OR: [{ attackerTownId: townId }, { defenderTownId: townId }] },
          before
            ? { OR: [{ startedAt: { lt: before.startedAt } }, { startedAt: before.startedAt, id: { lt: before.id } }] }
            : {},
        ],
      },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      take: page.limit,
      select: SUMMARY_COLUMNS,
    });
    return rows.map(toBattleSummary);
  }

  async listRunning(): Promise<BattleRecord[]> {
    const rows = await this.prisma.battle.findMany({
      where: { status: 'running' },
      orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toBattleRecord);
  }

  private async statusOf(battleId: string): Promise<string> {
    const row = await this.prisma.battle.findUnique({ where: { id: battleId }, select: { status: true } });
    if (!row) throw new BattleNotFoundError(battleId);
    return row.status;
  }
}
