import 'server-only';
import type { Db } from './db';

/**
 * The leaderboard: starbases by points, read straight from the `Town` table (the game server writes `points` on
 * every save; see shared/src/galaxy/points.ts). The order is points high to low, then town id: the order of the
 * `(points DESC, id)` index, so a page and a rank are both index walks, never a load of every town.
 *
 * It ranks towns, not users: the schema lets a user own several towns (nothing makes `Town.ownerId` unique),
 * though today every player has exactly one, their starbase. A player's own standing is that of their starbase,
 * their oldest town (as `townOf` in accounts.ts picks it).
 *
 * A page, the total and a rank are separate reads, so a save landing between them can shift a rank by one for
 * that one request; the next request is right again.
 */

export const LEADERBOARD_PAGE_SIZE = 25;

/** One line of the board: public facts only. */
export interface LeaderboardRow {
  /** 1-based position in the board's order */
  rank: number;
  townId: string;
  ownerId: string;
  ownerName: string;
  starbaseName: string;
  /** null while the town has no place in the galaxy yet */
  sector: number | null;
  slot: number | null;
  points: number;
}

/** Where a town stands. */
export interface Standing {
  townId: string;
  rank: number;
  points: number;
  /** the board page that holds its row */
  page: number;
}

export interface LeaderboardPage {
  page: number;
  /** at least 1 (an empty board has one empty page) */
  pageCount: number;
  /** towns on the board */
  total: number;
  rows: LeaderboardRow[];
  /** the viewer's starbase, or null when they have none */
  you: Standing | null;
}

/**
 * `?page=`: absent → 1; a whole number from 1 written plainly ("2", not "02", "2.0" or "+2") → that page;
 * anything else → null, which the page answers with not-found. A number past the last page is still a page
 * (the board may have shrunk since the link was made): it comes back empty, and the page says so.
 */
export function parsePage(value: string | string[] | undefined): number | null {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[1-9]\d{0,5}$/.test(value)) return null;
  return Number(value);
}

/** The page of the board that holds `rank`. */
export function pageOfRank(rank: number, pageSize: number = LEADERBOARD_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(rank / pageSize));
}

/** How many pages a board of `total` towns has (an empty board has one, empty). */
export function pageCountOf(total: number, pageSize: number = LEADERBOARD_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** "Sector 3 · slot 8", or "Unplaced" for a town not in the galaxy yet. Slots are stored from 0, shown from 1. */
export function placeLabel(sector: number | null, slot: number | null): string {
  return sector === null || slot === null ? 'Unplaced' : `Sector ${sector} · slot ${slot + 1}`;
}

/**
 * The position of `town` in the board's order: 1 + the towns with more points + the towns with as many points
 * and a smaller id. One count on the index.
 */
export async function rankOf(prisma: Db, town: { id: string; points: number }): Promise<number> {
  const ahead = await prisma.town.count({
    where: { OR: [{ points: { gt: town.points } }, { points: town.points, id: { lt: town.id } }] },
  });
  return ahead + 1;
}

/** Which of a player's towns is their starbase: the oldest (the id settles a tie). */
export const STARBASE_FIRST = [{ createdAt: 'asc' }, { id: 'asc' }] as const;

/** The player's starbase, their oldest town (read only: unlike `townOf`, it never creates one); null if none. */
export async function starbaseOf(prisma: Db, userId: string): Promise<{ id: string; points: number } | null> {
  return prisma.town.findFirst({ where: { ownerId: userId }, orderBy: [...STARBASE_FIRST], select: { id: true, points: true } });
}

/** Where the player's starbase stands, or null when they have none. */
export async function standingOf(prisma: Db, userId: string, pageSize: number = LEADERBOARD_PAGE_SIZE): Promise<Standing | null> {
  const town = await starbaseOf(prisma, userId);
  if (!town) return null;
  const rank = await rankOf(prisma, town);
  return { townId: town.id, rank, points: town.points, page: pageOfRank(rank, pageSize) };
}

/** Page `page` (from 1) of the board, with the viewer's own standing. */
export async function loadLeaderboard(prisma: Db, page: number, viewerId: string, pageSize: number = LEADERBOARD_PAGE_SIZE): Promise<LeaderboardPage> {
  const size = Math.max(1, Math.floor(pageSize));
  const skip = (Math.max(1, Math.floor(page)) - 1) * size;
  const [towns, total, you] = await Promise.all([
    prisma.town.findMany({
      orderBy: [{ points: 'desc' }, { id: 'asc' }],
      skip,
      take: size,
      select: { id: true, name: true, sector: true, slot: true, points: true, ownerId: true, owner: { select: { displayName: true } } },
    }),
    prisma.town.count(),
    standingOf(prisma, viewerId, size),
  ]);
  const rows = towns.map((t, i) => ({
    rank: skip + i + 1,
    townId: t.id,
    ownerId: t.ownerId,
    ownerName: t.owner.displayName,
    starbaseName: t.name,
    sector: t.sector,
    slot: t.slot,
    points: t.points,
  }));
  return { page, pageCount: pageCountOf(total, size), total, rows, you };
}
