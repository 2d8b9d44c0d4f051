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
  assertPage,
  copyOrders,
  newBattleColumns,
  parseOrders,
  toBattleRecord,
  toBattleSummary,
  type BattleRow,
} from './battleRow';
import { assertDate, toJsonText } from './jsonColumn';

/** Newest first: later `startedAt`, then the larger id (the SQL queue's order). */
function newestFirst(a: BattleRow, b: BattleRow): number {
  return b.startedAt.getTime() - a.startedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

function isBefore(row: BattleRow, cursor: BattleCursor): boolean {
  const at = cursor.startedAt.getTime();
  return row.startedAt.getTime() < at || (row.startedAt.getTime() === at && row.id < cursor.id);
}

/**
 * Battles in a Map: for tests and a game server without a database. Every method checks and writes without
 * an `await` in between, so calls (appends to one battle included) cannot interleave.
 */
export class MemoryBattleRepository implements BattleRepository {
  private readonly rows = new Map<string, BattleRow>();

  async create(battle: NewBattle): Promise<BattleRecord> {
    const columns = newBattleColumns(battle);
    if (this.rows.has(columns.id)) throw new Error(`battle ${columns.id} already exists`);
    const row: BattleRow = { ...columns, createdAt: new Date() };
    this.rows.set(row.id, row);
    return toBattleRecord(row);
  }

  async appendOrders(battleId: string, orders: unknown[]): Promise<number> {
    const added = copyOrders(orders);
    const row = this.existing(battleId);
    if (row.status !== 'running') throw new BattleStateError(battleId, 'finished', 'append orders');
    const all = [...parseOrders(battleId, row.orders), ...added];
    row.orders = toJsonText(all, 'battle orders');
    return all.length;
  }

  async finish(battleId: string, outcome: unknown, finishedAt: Date): Promise<boolean> {
    assertDate(finishedAt, 'battle finishedAt');
    const json = toJsonText(outcome, 'battle outcome');
    const row = this.existing(battleId);
    if (row.status !== 'running') return false;
    row.status = 'finished';
    row.outcome = json;
    row.finishedAt = new Date(finishedAt);
    return true;
  }

  async markResultsApplied(battleId: string, appliedAt: Date): Promise<boolean> {
    assertDate(appliedAt, 'battle resultsAppliedAt');
    const row = this.existing(battleId);
    if (row.status === 'running') throw new BattleStateError(battleId, 'running', 'mark results applied');
    if (row.resultsAppliedAt !== null) return false;
    row.resultsAppliedAt = new Date(appliedAt);
    return true;
  }

  async get(battleId: string): Promise<BattleRecord | null> {
    const row = this.rows.get(battleId);
    return row ? toBattleRecord(row) : null;
  }

  async listForTown(townId: string, page: { limit: number; before?: BattleCursor }): Promise<BattleSummary[]> {
    assertPage(page);
    const { before } = page;
    return [...this.rows.values()]
      .filter((row) => row.attackerTownId === townId || row.defenderTownId === townId)
      .filter((row) => before === undefined || isBefore(row, before))
      .sort(newestFirst)
      .slice(0, page.limit)
      .map(toBattleSummary);
  }

  async listRunning(): Promise<BattleRecord[]> {
    return [...this.rows.values()]
      .filter((row) => row.status === 'running')
      .sort((a, b) => -newestFirst(a, b))
      .map(toBattleRecord);
  }

  private existing(battleId: string): BattleRow {
    const row = this.rows.get(battleId);
    if (!row) throw new BattleNotFoundError(battleId);
    return row;
  }
}
