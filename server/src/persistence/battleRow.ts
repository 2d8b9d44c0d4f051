import {
  BATTLE_KINDS,
  type BattleKind,
  type BattleRecord,
  type BattleStatus,
  type BattleSummary,
  type NewBattle,
} from './BattleRepository';
import { assertDate, copyDate, fromJsonText, toJsonText } from './jsonColumn';

/** A stored battle as every BattleRepository keeps it (the `Battle` table's columns): JSON as text. */
export interface BattleRow {
  id: string;
  status: string;
  seed: number;
  createdAt: Date;
  startedAt: Date;
  finishedAt: Date | null;
  attackerTownId: string;
  defenderTownId: string | null;
  kind: string;
  initial: string;
  orders: string;
  outcome: string | null;
  resultsAppliedAt: Date | null;
}

/** The columns of a summary (everything but `initial` and `orders`), for queries that should not read those. */
export const SUMMARY_COLUMNS = {
  id: true,
  status: true,
  seed: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  attackerTownId: true,
  defenderTownId: true,
  kind: true,
  outcome: true,
  resultsAppliedAt: true,
} as const;

/**
 * Seeds are unsigned 32-bit, but the column is a signed 32-bit `Int` (PostgreSQL `integer`, Prisma's `Int`):
 * store the same 32 bits as a signed number and read them back unsigned.
 */
export const seedToColumn = (seed: number): number => seed | 0;
const seedFromColumn = (column: number): number => column >>> 0;

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Checks a new battle and returns its columns (JSON serialized at call time, so later mutation cannot leak in). */
export function newBattleColumns(battle: NewBattle): Omit<BattleRow, 'createdAt'> {
  if (!isText(battle.id)) throw new TypeError('battle id must be a non-empty string');
  if (!Number.isInteger(battle.seed) || battle.seed < 0 || battle.seed > 0xffff_ffff) {
    throw new TypeError(`battle seed must be an unsigned 32-bit integer, got ${String(battle.seed)}`);
  }
  assertDate(battle.startedAt, 'battle startedAt');
  if (!isText(battle.attackerTownId)) throw new TypeError('battle attackerTownId must be a non-empty string');
  const defender = battle.defenderTownId ?? null;
  if (defender !== null && !isText(defender)) throw new TypeError('battle defenderTownId must be a non-empty string or null');
  if (!BATTLE_KINDS.includes(battle.kind)) throw new TypeError(`unknown battle kind "${String(battle.kind)}"`);
  return {
    id: battle.id,
    status: 'running',
    seed: seedToColumn(battle.seed),
    startedAt: new Date(battle.startedAt),
    finishedAt: null,
    attackerTownId: battle.attackerTownId,
    defenderTownId: defender,
    kind: battle.kind,
    initial: toJsonText(battle.initial, 'battle initial setup'),
    orders: '[]',
    outcome: null,
    resultsAppliedAt: null,
  };
}

/** Checks orders to append and returns a private copy of them. */
export function copyOrders(orders: unknown[]): unknown[] {
  if (!Array.isArray(orders)) throw new TypeError('orders must be an array');
  return fromJsonText(toJsonText(orders, 'battle orders'), 'battle orders') as unknown[];
}

/** Parses a stored order log. */
export function parseOrders(battleId: string, json: string): unknown[] {
  const orders = fromJsonText(json, `battle ${battleId} orders`);
  if (!Array.isArray(orders)) throw new Error(`battle ${battleId}: stored orders are not an array`);
  return orders;
}

/** A row handed out as a summary: JSON parsed afresh, dates copied. */
export function toBattleSummary(row: Omit<BattleRow, 'initial' | 'orders'>): BattleSummary {
  return {
    id: row.id,
    status: row.status as BattleStatus,
    seed: seedFromColumn(row.seed),
    kind: row.kind as BattleKind,
    attackerTownId: row.attackerTownId,
    defenderTownId: row.defenderTownId,
    createdAt: new Date(row.createdAt),
    startedAt: new Date(row.startedAt),
    finishedAt: copyDate(row.finishedAt),
    outcome: row.outcome === null ? null : fromJsonText(row.outcome, `battle ${row.id} outcome`),
    resultsAppliedAt: copyDate(row.resultsAppliedAt),
  };
}

/** A row handed out as the full record. */
export function toBattleRecord(row: BattleRow): BattleRecord {
  return {
    ...toBattleSummary(row),
    initial: fromJsonText(row.initial, `battle ${row.id} initial setup`),
    orders: parseOrders(row.id, row.orders),
  };
}

/** Checks a page request of `listForTown`. */
export function assertPage(page: { limit: number; before?: { startedAt: Date; id: string } }): void {
  if (!Number.isSafeInteger(page.limit) || page.limit < 1) {
    throw new TypeError(`limit must be a positive integer, got ${String(page.limit)}`);
  }
  if (page.before !== undefined) {
    assertDate(page.before.startedAt, 'before.startedAt');
    if (typeof page.before.id !== 'string') throw new TypeError('before.id must be a string');
  }
}
