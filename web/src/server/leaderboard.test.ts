import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPrismaClient, migrateDatabase, type PrismaClient } from '@starscape/prisma';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LEADERBOARD_PAGE_SIZE, loadLeaderboard, pageCountOf, pageOfRank, parsePage, placeLabel, rankOf, standingOf } from './leaderboard';

vi.mock('server-only', () => ({}));

let dir: string;
let prisma: PrismaClient;

interface Seed {
  townId: string;
  ownerId: string;
  points: number;
  sector: number | null;
  slot: number | null;
}

/** Every town of the board, in the order the board must show them: points high to low, then town id. */
const towns: Seed[] = [];
const expectedOrder = () => [...towns].sort((a, b) => b.points - a.points || (a.townId < b.townId ? -1 : a.townId > b.townId ? 1 : 0)).map((t) => t.townId);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'starscape-web-leaderboard-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  await migrateDatabase(url);
  prisma = createPrismaClient(url);
  // 30 players, three to each score (ties everywhere), created out of id order so the index, not the
  // insertion order, has to sort them; one of them not placed in the galaxy yet
  for (let n = 0; n < 30; n++) {
    const i = (n * 7) % 30;
    const ownerId = `u-${String(i).padStart(2, '0')}`;
    const townId = `t-${String(i).padStart(2, '0')}`;
    const points = Math.floor(i / 3) * 100;
    const placed = i !== 13;
    await prisma.user.create({ data: { id: ownerId, displayName: `Pilot ${i}`, isGuest: i % 5 === 0 } });
    await prisma.town.create({
      data: { id: townId, ownerId, name: `Pilot ${i}'s Starbase`, snapshot: '{}', points, sector: placed ? 1 + Math.floor(i / 24) : null, slot: placed ? i % 24 : null },
    });
    towns.push({ townId, ownerId, points, sector: placed ? 1 + Math.floor(i / 24) : null, slot: placed ? i % 24 : null });
  }
  // a player with two towns: both are on the board (it ranks towns); their standing is the older one's
  await prisma.user.create({ data: { id: 'u-twin', displayName: 'Twin' } });
  await prisma.town.create({ data: { id: 't-twin-old', ownerId: 'u-twin', name: 'Old Base', snapshot: '{}', points: 450, createdAt: new Date(Date.UTC(2026, 0, 1)) } });
  await prisma.town.create({ data: { id: 't-twin-new', ownerId: 'u-twin', name: 'New Base', snapshot: '{}', points: 2000, createdAt: new Date(Date.UTC(2026, 5, 1)) } });
  towns.push({ townId: 't-twin-old', ownerId: 'u-twin', points: 450, sector: null, slot: null });
  towns.push({ townId: 't-twin-new', ownerId: 'u-twin', points: 2000, sector: null, slot: null });
  await prisma.user.create({ data: { id: 'u-homeless', displayName: 'Drifter' } });
}, 60_000);

afterAll(async () => {
  await prisma?.$disconnect();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the board', () => {
  it('orders towns by points, ties by town id, and numbers them by position', async () => {
    const board = await loadLeaderboard(prisma, 1, 'u-00', 100);
    expect(board.rows.map((r) => r.townId)).toEqual(expectedOrder());
    expect(board.rows.map((r) => r.rank)).toEqual(board.rows.map((_, i) => i + 1));
    // three towns on 900 points: distinct ranks, in id order
    expect(board.rows.filter((r) => r.points === 900).map((r) => [r.rank, r.townId])).toEqual([
      [2, 't-27'],
      [3, 't-28'],
      [4, 't-29'],
    ]);
    expect(board.rows[0]).toEqual({ rank: 1, townId: 't-twin-new', ownerId: 'u-twin', ownerName: 'Twin', starbaseName: 'New Base', sector: null, slot: null, points: 2000 });
  });

  it('gives every town the rank of its position with one count', async () => {
    const order = expectedOrder();
    for (const [index, townId] of order.entries()) {
      const seed = towns.find((t) => t.townId === townId)!;
      expect(await rankOf(prisma, { id: townId, points: seed.points })).toBe(index + 1);
    }
  });

  it('serves 25 a page: a full first page, the rest on the last, nothing past it', async () => {
    expect(LEADERBOARD_PAGE_SIZE).toBe(25);
    const order = expectedOrder();
    const first = await loadLeaderboard(prisma, 1, 'u-00');
    const second = await loadLeaderboard(prisma, 2, 'u-00');
    const third = await loadLeaderboard(prisma, 3, 'u-00');
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: 32 });
    expect(first.rows).toHaveLength(25);
    expect(second.rows).toHaveLength(7);
    expect(second.rows.map((r) => r.rank)).toEqual([26, 27, 28, 29, 30, 31, 32]);
    expect([...first.rows, ...second.rows].map((r) => r.townId)).toEqual(order);
    expect(third).toMatchObject({ page: 3, pageCount: 2, total: 32, rows: [] });
  });

  it('pages that divide the board exactly end on a full page', async () => {
    const pages = await Promise.all([1, 2, 3, 4, 5].map((p) => loadLeaderboard(prisma, p, 'u-00', 8)));
    expect(pages.map((p) => p.rows.length)).toEqual([8, 8, 8, 8, 0]);
    expect(pages.every((p) => p.pageCount === 4)).toBe(true);
    expect(pages.flatMap((p) => p.rows.map((r) => r.townId))).toEqual(expectedOrder());
    expect(pages[3]!.rows.at(-1)!.rank).toBe(32);
  });

  it('shows a town not placed in the galaxy yet as unplaced', async () => {
    const board = await loadLeaderboard(prisma, 1, 'u-00', 100);
    const row = board.rows.find((r) => r.townId === 't-13')!;
    expect(row).toMatchObject({ sector: null, slot: null, points: 400 });
    expect(placeLabel(row.sector, row.slot)).toBe('Unplaced');
    const placed = board.rows.find((r) => r.townId === 't-25')!;
    expect(placeLabel(placed.sector, placed.slot)).toBe('Sector 2 · slot 2');
  });
});

describe('the viewer’s own standing', () => {
  it('for a player in the middle: rank, points and the page that holds the row', async () => {
    const order = expectedOrder();
    const rank = order.indexOf('t-14') + 1;
    expect(rank).toBeGreaterThan(1);
    expect(rank).toBeLessThan(order.length);
    const board = await loadLeaderboard(prisma, 1, 'u-14', 10);
    expect(board.you).toEqual({ townId: 't-14', rank, points: 400, page: Math.ceil(rank / 10) });
    const page = await loadLeaderboard(prisma, board.you!.page, 'u-14', 10);
    expect(page.rows.find((r) => r.townId === 't-14')?.rank).toBe(rank);
  });

  it('for the player in last place: the last rank, on the last page', async () => {
    const last = expectedOrder().at(-1)!;
    expect(last).toBe('t-02');
    const board = await loadLeaderboard(prisma, 1, 'u-02');
    expect(board.you).toEqual({ townId: 't-02', rank: 32, points: 0, page: 2 });
    expect(board.you!.page).toBe(board.pageCount);
  });

  it('for a player near the top: on page 1', async () => {
    expect(await standingOf(prisma, 'u-29')).toEqual({ townId: 't-29', rank: 4, points: 900, page: 1 });
  });

  it('is the oldest town’s for a player with several, and none for a player without a town', async () => {
    expect(await standingOf(prisma, 'u-twin')).toEqual({ townId: 't-twin-old', rank: expectedOrder().indexOf('t-twin-old') + 1, points: 450, page: 1 });
    expect((await loadLeaderboard(prisma, 1, 'u-homeless')).you).toBeNull();
  });
});

describe('an empty galaxy', () => {
  let emptyDir: string;
  let empty: PrismaClient;
  beforeAll(async () => {
    emptyDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-web-leaderboard-empty-'));
    const url = `file:${path.join(emptyDir, 'test.db')}`;
    await migrateDatabase(url);
    empty = createPrismaClient(url);
  }, 60_000);
  afterAll(async () => {
    await empty?.$disconnect();
    if (emptyDir) await rm(emptyDir, { recursive: true, force: true });
  });

  it('has one empty page and no standing for anyone', async () => {
    expect(await loadLeaderboard(empty, 1, 'u-nobody')).toEqual({ page: 1, pageCount: 1, total: 0, rows: [], you: null });
  });
});

describe('page numbers', () => {
  it('reads ?page= plainly written whole numbers from 1, absent as 1, and nothing else', () => {
    expect(parsePage(undefined)).toBe(1);
    expect(parsePage('1')).toBe(1);
    expect(parsePage('2')).toBe(2);
    expect(parsePage('999999')).toBe(999999);
    for (const bad of ['', '0', '-1', '02', '2.0', '1e3', '+2', ' 2', 'abc', '1000000', ['1', '2']]) expect(parsePage(bad)).toBeNull();
  });

  it('finds the page of a rank and counts pages, an empty board having one', () => {
    expect([1, 25, 26, 50, 51].map((r) => pageOfRank(r))).toEqual([1, 1, 2, 2, 3]);
    expect([0, 1, 25, 26, 50, 51].map((n) => pageCountOf(n))).toEqual([1, 1, 1, 2, 2, 3]);
  });
});
