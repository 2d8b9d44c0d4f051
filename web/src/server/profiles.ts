import 'server-only';
import { NEWCOMER_PROTECTION_MS, isNewcomerProtected, townSchema, type BattleSide } from '@starscape/shared';
import { otherSide, perspective, resultFor, type BattleKind, type SideResult } from '../battle/report';
import { listBattleReports, parseColumn, playerTownIds } from './battles';
import type { Db } from './db';
import { STARBASE_FIRST, pageOfRank, rankOf } from './leaderboard';

/**
 * Player profiles (`/players/<user id>`): what anyone signed in may know about a player. Public facts only:
 * names, place in the galaxy, points and rank, dates, and which battles they fought and how those ended.
 * Never their email, resources, ships or fleets: the town snapshot is read here only for its founding date and
 * game speed, and does not leave this module.
 */

/** How many recent battles a profile lists. */
export const PROFILE_BATTLES = 10;

/** A battle the player fought, told from their side, the same for whoever looks. */
export interface ProfileBattle {
  id: string;
  /** null when the stored kind is not one this version knows */
  kind: BattleKind | null;
  status: 'running' | 'finished';
  /** ms since the epoch */
  startedAt: number;
  /** the side the player fought on */
  side: BattleSide;
  /** the other side: a starbase's name, "Pirates", "Pirate ambush" */
  opponentName: string;
  /** how it ended for the player; null while it is fought or when the record cannot tell */
  result: SideResult | null;
}

export interface ProfileStarbase {
  townId: string;
  name: string;
  /** null while the town has no place in the galaxy yet */
  sector: number | null;
  slot: number | null;
  points: number;
  rank: number;
  /** the leaderboard page that holds its row */
  rankPage: number;
  /** ms since the epoch; null when the snapshot cannot be read */
  foundedAt: number | null;
  /** until when raiders must keep away (ms since the epoch); null when the snapshot cannot be read */
  protectedUntil: number | null;
  /** whether the viewer may raid it now: not their own, its snapshot readable, its newcomer protection over */
  raidable: boolean;
}

export interface PlayerProfile {
  userId: string;
  displayName: string;
  /** ms since the epoch */
  memberSince: number;
  /** whether the viewer is looking at their own profile */
  isViewer: boolean;
  /** null for a player without a starbase */
  starbase: ProfileStarbase | null;
  /** towns on the leaderboard (the "of M" of a rank) */
  rankedTowns: number;
  /** the last PROFILE_BATTLES battles, newest first */
  battles: ProfileBattle[];
}

/** The profile of user `userId` as `viewerId` sees it at `now`; null when there is no such user. */
export async function loadProfile(prisma: Db, userId: string, viewerId: string, now: number): Promise<PlayerProfile | null> {
  // U+0000: no such id, and PostgreSQL would fail the query instead of finding nothing.
  if (userId.length === 0 || userId.length > 64 || userId.includes('\u0000')) return null;
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, displayName: true, createdAt: true } });
  if (!user) return null;
  const isViewer = user.id === viewerId;
  const [town, rankedTowns, townIds] = await Promise.all([
    prisma.town.findFirst({
      where: { ownerId: user.id },
      orderBy: [...STARBASE_FIRST],
      select: { id: true, name: true, sector: true, slot: true, points: true, snapshot: true },
    }),
    prisma.town.count(),
    playerTownIds(prisma, user.id),
  ]);
  const [starbase, battles] = await Promise.all([
    town ? starbaseFacts(prisma, town, isViewer, now) : null,
    recentBattles(prisma, townIds),
  ]);
  return { userId: user.id, displayName: user.displayName, memberSince: user.createdAt.getTime(), isViewer, starbase, rankedTowns, battles };
}

async function starbaseFacts(
  prisma: Db,
  town: { id: string; name: string; sector: number | null; slot: number | null; points: number; snapshot: string },
  isViewer: boolean,
  now: number,
): Promise<ProfileStarbase> {
  const rank = await rankOf(prisma, town);
  const snapshot = parseColumn(town.snapshot, townSchema);
  const rules = snapshot.ok ? snapshot.value : null;
  // the moment `isNewcomerProtected` turns false, as a date to show; the rule itself decides `raidable`
  const protectedUntil = rules ? rules.foundedAt + NEWCOMER_PROTECTION_MS / rules.speed : null;
  return {
    townId: town.id,
    name: town.name,
    sector: town.sector,
    slot: town.slot,
    points: town.points,
    rank,
    rankPage: pageOfRank(rank),
    // snapshots older than the founding date read as founded at 0: unknown, not 1970
    foundedAt: rules && rules.foundedAt > 0 ? rules.foundedAt : null,
    protectedUntil,
    raidable: !isViewer && rules !== null && !isNewcomerProtected(rules, now),
  };
}

/** The player's last battles through the battle log's own reader, cut down to the public facts. */
async function recentBattles(prisma: Db, townIds: readonly string[]): Promise<ProfileBattle[]> {
  const { reports } = await listBattleReports(prisma, townIds, { limit: PROFILE_BATTLES });
  return reports.map((report) => {
    // the log is read with the player's own towns, so its "viewer" is the player: each battle from their side
    const side: BattleSide = perspective(report);
    const opponent = report[otherSide(side)];
    return {
      id: report.id,
      kind: report.kind,
      status: report.status,
      startedAt: report.startedAt,
      side,
      opponentName: opponent.name,
      result: report.status === 'finished' && report.outcome ? resultFor(report.outcome.winner, side) : null,
    };
  });
}
