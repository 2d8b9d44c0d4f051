import 'server-only';
import { isNewcomerProtected, townSchema } from '@starscape/shared';
import type { Db } from './db';

/**
 * The starbases a player may raid now, for the Fleet tab's raid panel. Read straight from the `Town` table
 * (the game server writes the snapshots). Only public facts leave here: a starbase's name, its owner's display
 * name, when it was founded and the level of its defense grid — never its stocks, ships or fleets.
 */

/** The most targets one answer lists. */
export const MAX_RAID_TARGETS = 30;
/**
 * The most starbases one answer looks at (newest saved first). Protected newcomers are skipped, so more rows
 * than targets are read; this bounds the work of one request however many newcomers there are.
 */
export const MAX_SCANNED = 300;
/** Snapshots are parsed this many at a time, stopping as soon as the list is full. */
const BATCH = 50;

/** One starbase on the raid list. */
export interface RaidTargetSummary {
  townId: string;
  name: string;
  ownerName: string;
  /** ms since the epoch */
  foundedAt: number;
  /** level of its defense grid: how hard its guns hit back */
  defenseLevel: number;
}

/** The answer of `GET /api/raid-targets`. */
export interface RaidTargetsResponse {
  targets: RaidTargetSummary[];
  /** starbases passed over while building the list because they are under newcomer protection */
  protectedCount: number;
}

/** A Town row as read here. */
export interface TownRow {
  id: string;
  name: string;
  ownerName: string;
  snapshot: string;
}

/**
 * Shapes rows (newest saved first) into the list: protected newcomers are counted and left out, unreadable
 * snapshots are left out silently, and at most `limit` targets are kept (rows past a full list are not looked at,
 * so they are not counted either). Pure, so the rules of the list are tested without a database.
 */
export function shapeRaidTargets(rows: readonly TownRow[], now: number, limit: number): RaidTargetsResponse {
  const targets: RaidTargetSummary[] = [];
  let protectedCount = 0;
  for (const row of rows) {
    if (targets.length >= limit) break;
    const town = parseSnapshot(row.snapshot);
    if (!town) continue;
    if (isNewcomerProtected(town, now)) {
      protectedCount += 1;
      continue;
    }
    targets.push({ townId: row.id, name: row.name, ownerName: row.ownerName, foundedAt: town.foundedAt, defenseLevel: town.buildings.defenseGrid });
  }
  return { targets, protectedCount };
}

function parseSnapshot(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = townSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** `?limit=`: absent → the maximum; a whole number from 1 is capped at the maximum; anything else is an error. */
export function parseLimit(value: string | null): { ok: true; limit: number } | { ok: false; error: string } {
  if (value === null) return { ok: true, limit: MAX_RAID_TARGETS };
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) return { ok: false, error: `limit must be a whole number from 1 to ${MAX_RAID_TARGETS}.` };
  return { ok: true, limit: Math.min(MAX_RAID_TARGETS, Number(value)) };
}

/**
 * The starbases of other players that `userId` may raid at `now`, most recently saved (so most active) first.
 * The order comes from one query of the light columns; snapshots are then read in batches only as far as needed.
 */
export async function listRaidTargets(prisma: Db, userId: string, now: number, limit: number = MAX_RAID_TARGETS): Promise<RaidTargetsResponse> {
  const cap = Math.max(1, Math.min(MAX_RAID_TARGETS, Math.floor(limit)));
  const candidates = await prisma.town.findMany({
    where: { ownerId: { not: userId } },
    orderBy: [{ savedAt: 'desc' }, { id: 'desc' }],
    take: MAX_SCANNED,
    select: { id: true, name: true, owner: { select: { displayName: true } } },
  });
  const targets: RaidTargetSummary[] = [];
  let protectedCount = 0;
  for (let start = 0; start < candidates.length && targets.length < cap; start += BATCH) {
    const batch = candidates.slice(start, start + BATCH);
    const snapshots = await prisma.town.findMany({ where: { id: { in: batch.map((t) => t.id) } }, select: { id: true, snapshot: true } });
    const byId = new Map(snapshots.map((s) => [s.id, s.snapshot]));
    // a town deleted between the two queries has no snapshot any more and is skipped
    const rows = batch.flatMap((t) => {
      const snapshot = byId.get(t.id);
      return snapshot === undefined ? [] : [{ id: t.id, name: t.name, ownerName: t.owner.displayName, snapshot }];
    });
    const shaped = shapeRaidTargets(rows, now, cap - targets.length);
    targets.push(...shaped.targets);
    protectedCount += shaped.protectedCount;
  }
  return { targets, protectedCount };
}
