import 'server-only';
import { battleStateSchema, combatOrderSchema, storedBattleOutcomeSchema, type BattleSide, type BattleState, type CombatOrder, type Cost } from '@starscape/shared';
import { z } from 'zod';
import type { BattleDetail, BattleKind, BattleParty, BattleReport, LootInfo } from '../battle/report';
import type { Db } from './db';

/**
 * Battle records for the reports and replay pages, read straight from the `Battle` table (the game server writes
 * them; see server/src/persistence/battleRow.ts for the column formats). Battles are public: any signed-in
 * player may open one by id, like a shared replay link. Nothing here throws on a damaged record: the part that
 * cannot be read becomes a `problem` the page shows.
 */

export const BATTLES_PAGE_SIZE = 20;

/** Where a page of the list starts: after this battle in newest-first order. */
export interface BattleCursor {
  startedAt: Date;
  id: string;
}

/** `1767261600000_b-fleet-1`: the start time in ms, an underscore, the id (ids may hold underscores, times do not). */
export function encodeCursor(cursor: BattleCursor): string {
  return `${cursor.startedAt.getTime()}_${cursor.id}`;
}

/** The cursor in a `?before=` value, or null when it is not one. */
export function decodeCursor(text: string | undefined | null): BattleCursor | null {
  if (!text) return null;
  const match = /^(\d{1,15})_(.{1,200})$/.exec(text);
  // No battle id holds U+0000, and PostgreSQL refuses it in a query parameter (an error, not "no rows").
  if (!match || match[2]!.includes('\u0000')) return null;
  const startedAt = new Date(Number(match[1]));
  return Number.isNaN(startedAt.getTime()) ? null : { startedAt, id: match[2]! };
}

/** The starbases a player owns (one today). */
export async function playerTownIds(prisma: Db, userId: string): Promise<string[]> {
  const towns = await prisma.town.findMany({ where: { ownerId: userId }, select: { id: true } });
  return towns.map((t) => t.id);
}

const SUMMARY = {
  id: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  attackerTownId: true,
  defenderTownId: true,
  kind: true,
  outcome: true,
} as const;

/** The columns a report needs (not the setup and orders, which can be large). */
export interface BattleSummaryRow {
  id: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  attackerTownId: string;
  defenderTownId: string | null;
  kind: string;
  outcome: string | null;
}

/** The battles the player's starbases fought, newest first, `limit` at a time, with the cursor of the next page. */
export async function listBattleReports(
  prisma: Db,
  townIds: readonly string[],
  page: { limit?: number; before?: BattleCursor | null } = {},
): Promise<{ reports: BattleReport[]; next: BattleCursor | null }> {
  if (townIds.length === 0) return { reports: [], next: null };
  const limit = Math.max(1, Math.min(100, Math.floor(page.limit ?? BATTLES_PAGE_SIZE)));
  const before = page.before ?? null;
  const rows = await prisma.battle.findMany({
    where: {
      AND: [
        { OR: [{ attackerTownId: { in: [...townIds] } }, { defenderTownId: { in: [...townIds] } }] },
        before ? { OR: [{ startedAt: { lt: before.startedAt } }, { startedAt: before.startedAt, id: { lt: before.id } }] } : {},
      ],
    },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: SUMMARY,
  });
  const pageRows = rows.slice(0, limit);
  const towns = await townsOf(prisma, pageRows);
  const reports = pageRows.map((row) => toReport(row, townIds, towns));
  const last = pageRows.at(-1);
  return { reports, next: rows.length > limit && last ? { startedAt: last.startedAt, id: last.id } : null };
}

/** One battle by id (any battle: they are public), with what its replay needs; null when there is none. */
export async function loadBattle(prisma: Db, id: string, viewerTownIds: readonly string[]): Promise<BattleDetail | null> {
  // U+0000: no such id, and PostgreSQL would fail the query instead of finding nothing.
  if (id.length === 0 || id.length > 200 || id.includes('\u0000')) return null;
  const row = await prisma.battle.findUnique({ where: { id }, select: { ...SUMMARY, seed: true, initial: true, orders: true } });
  if (!row) return null;
  const report = toReport(row, viewerTownIds, await townsOf(prisma, [row]));
  if (row.status !== 'finished') return { report, replay: null, replayProblem: null };
  const initial = parseColumn(row.initial, battleStateSchema);
  if (!initial.ok) return { report, replay: null, replayProblem: `The battle's starting state is damaged (${initial.error}).` };
  const orders = parseColumn(row.orders, z.array(combatOrderSchema).max(100_000));
  if (!orders.ok) return { report, replay: null, replayProblem: `The battle's order log is damaged (${orders.error}).` };
  return { report, replay: { initial: initial.value as BattleState, orders: orders.value as CombatOrder[], seed: row.seed >>> 0 }, replayProblem: null };
}

/** Names and snapshots of the starbases named by `rows`. */
async function townsOf(prisma: Db, rows: readonly BattleSummaryRow[]): Promise<Map<string, TownInfo>> {
  const ids = new Set<string>();
  for (const row of rows) {
    ids.add(row.attackerTownId);
    if (row.defenderTownId) ids.add(row.defenderTownId);
  }
  if (ids.size === 0) return new Map();
  const towns = await prisma.town.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, snapshot: true } });
  return new Map(towns.map((t) => [t.id, { name: t.name, returningCargo: returningCargo(t.snapshot) }]));
}

export interface TownInfo {
  name: string;
  /** cargo of the town's fleets flying home from a battle, by battle id */
  returningCargo: Map<string, Cost>;
}

/** A row as a report. Pure, so the pages' edge cases are tested without a database. */
export function toReport(row: BattleSummaryRow, viewerTownIds: readonly string[], towns: ReadonlyMap<string, TownInfo>): BattleReport {
  const kind = isKind(row.kind) ? row.kind : null;
  const problems: string[] = [];
  if (!kind) problems.push(`unknown battle kind "${row.kind.slice(0, 40)}"`);
  const status = row.status === 'finished' ? 'finished' : 'running';
  let outcome: BattleReport['outcome'] = null;
  if (row.outcome !== null) {
    const parsed = parseColumn(row.outcome, storedBattleOutcomeSchema);
    if (parsed.ok) outcome = parsed.value;
    else problems.push(`the recorded outcome is unreadable (${parsed.error})`);
  } else if (status === 'finished') {
    problems.push('the battle is marked finished but has no outcome');
  }
  const viewerSide: BattleSide | null = viewerTownIds.includes(row.attackerTownId)
    ? 'attacker'
    : row.defenderTownId && viewerTownIds.includes(row.defenderTownId)
      ? 'defender'
      : null;
  return {
    id: row.id,
    kind,
    status,
    startedAt: row.startedAt.getTime(),
    finishedAt: row.finishedAt?.getTime() ?? null,
    attacker: party('attacker', row.attackerTownId, towns, kind),
    defender: party('defender', row.defenderTownId, towns, kind),
    viewerSide,
    outcome,
    problem: problems.length > 0 ? `${capitalize(problems.join('; '))}.` : null,
    loot: loot(row, outcome, towns),
  };
}

function party(side: BattleSide, townId: string | null, towns: ReadonlyMap<string, TownInfo>, kind: BattleKind | null): BattleParty {
  if (townId === null) return { side, name: kind === 'expedition' ? 'Pirate ambush' : 'Pirates', townId: null };
  return { side, name: towns.get(townId)?.name ?? 'A vanished starbase', townId };
}

/**
 * What the attacker carried off: stored with the outcome; for records written before that, known only while
 * the fleet is still flying home with it. None unless the attacker won.
 */
function loot(row: BattleSummaryRow, outcome: BattleReport['outcome'], towns: ReadonlyMap<string, TownInfo>): LootInfo {
  if (!outcome || outcome.winner !== 'attacker') return { kind: 'none' };
  if (outcome.loot) return { kind: 'known', cargo: outcome.loot };
  const cargo = towns.get(row.attackerTownId)?.returningCargo.get(row.id);
  return cargo ? { kind: 'known', cargo } : { kind: 'unknown' };
}

const amount = z.number().finite().min(0);
/** Only the part of a town snapshot read here, loosely: the rules' own schema checks the rest where it matters. */
const snapshotFleetsSchema = z.looseObject({
  fleets: z.array(
    z.looseObject({
      status: z.string(),
      battleId: z.string().nullable(),
      cargo: z.object({ metal: amount, crystal: amount, fuel: amount }),
    }),
  ),
});

/** Cargo of the fleets of a town snapshot that fought a battle and are flying home, by battle id. */
export function returningCargo(snapshot: string): Map<string, Cost> {
  const parsed = parseColumn(snapshot, snapshotFleetsSchema);
  const cargo = new Map<string, Cost>();
  if (!parsed.ok) return cargo;
  for (const fleet of parsed.value.fleets) {
    if (fleet.status === 'returning' && fleet.battleId) cargo.set(fleet.battleId, { metal: fleet.cargo.metal, crystal: fleet.cargo.crystal, fuel: fleet.cargo.fuel });
  }
  return cargo;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** A JSON text column through a zod schema; what went wrong, briefly, instead of a throw. */
export function parseColumn<T>(text: string, schema: z.ZodType<T>): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, error: `${issue?.message ?? 'invalid'}${where}` };
}

function isKind(kind: string): kind is BattleKind {
  return kind === 'patrol' || kind === 'expedition' || kind === 'raid';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
