import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NEWCOMER_PROTECTION_MS, newTown, type Town } from '@starscape/shared';
import { createPrismaClient, migrateDatabase, type PrismaClient } from '@starscape/prisma';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_RAID_TARGETS, MAX_SCANNED, listRaidTargets, parseLimit, shapeRaidTargets, type TownRow } from './raidTargets';

vi.mock('server-only', () => ({}));

const NOW = Date.UTC(2026, 10, 25, 12);
const DAY = 24 * 3_600_000;

/** A snapshot founded `ageMs` before NOW at game `speed`, with something private in it that must not leak. */
function snapshot(ageMs: number, speed = 1, changes: Partial<Town> = {}): string {
  const town = newTown(NOW - ageMs, speed);
  return JSON.stringify({ ...town, ships: { ...town.ships, cruiser: 7 }, buildings: { ...town.buildings, defenseGrid: 2 }, ...changes });
}

const row = (id: string, snap: string): TownRow => ({ id, name: `Town ${id}`, ownerName: `Owner ${id}`, snapshot: snap });

describe('shaping the raid list', () => {
  it('keeps only public facts of starbases past their protection, in the order given', () => {
    const { targets, protectedCount } = shapeRaidTargets([row('a', snapshot(10 * DAY)), row('b', snapshot(4 * DAY))], NOW, 30);
    expect(protectedCount).toBe(0);
    expect(targets).toEqual([
      { townId: 'a', name: 'Town a', ownerName: 'Owner a', foundedAt: NOW - 10 * DAY, defenseLevel: 2 },
      { townId: 'b', name: 'Town b', ownerName: 'Owner b', foundedAt: NOW - 4 * DAY, defenseLevel: 2 },
    ]);
    expect(JSON.stringify(targets)).not.toMatch(/cruiser|stocks|fleets|ships/);
  });

  it('counts and leaves out newcomers, judged at each starbase’s own game speed', () => {
    const rows = [row('new', snapshot(2 * DAY)), row('fast-old', snapshot(NEWCOMER_PROTECTION_MS / 100, 100)), row('fast-new', snapshot(NEWCOMER_PROTECTION_MS / 100 - 1, 100))];
    const { targets, protectedCount } = shapeRaidTargets(rows, NOW, 30);
    expect(targets.map((t) => t.townId)).toEqual(['fast-old']);
    expect(protectedCount).toBe(2);
  });

  it('skips snapshots it cannot read without counting them', () => {
    const rows = [row('junk', '{not json'), row('wrong', JSON.stringify({ speed: 'fast' })), row('ok', snapshot(5 * DAY))];
    expect(shapeRaidTargets(rows, NOW, 30)).toEqual({ targets: [expect.objectContaining({ townId: 'ok' })], protectedCount: 0 });
  });

  it('stops at the limit and does not look further', () => {
    const rows = [row('a', snapshot(5 * DAY)), row('b', snapshot(5 * DAY)), row('late-newcomer', snapshot(DAY))];
    expect(shapeRaidTargets(rows, NOW, 2)).toEqual({ targets: [expect.objectContaining({ townId: 'a' }), expect.objectContaining({ townId: 'b' })], protectedCount: 0 });
  });

  it('reads a snapshot from before founding times as an old starbase', () => {
    const { foundedAt: _dropped, ...legacy } = newTown(NOW - DAY, 1);
    expect(shapeRaidTargets([row('old', JSON.stringify(legacy))], NOW, 30).targets[0]).toMatchObject({ townId: 'old', foundedAt: 0 });
  });
});

describe('the limit parameter', () => {
  it('defaults to the maximum and caps larger values', () => {
    expect(parseLimit(null)).toEqual({ ok: true, limit: MAX_RAID_TARGETS });
    expect(parseLimit('5')).toEqual({ ok: true, limit: 5 });
    expect(parseLimit('500')).toEqual({ ok: true, limit: MAX_RAID_TARGETS });
  });

  it('refuses anything that is not a whole number from 1', () => {
    for (const bad of ['', '0', '-3', '2.5', 'ten', '1e3', ' 4', '9999999']) expect(parseLimit(bad).ok).toBe(false);
  });
});

describe('the raid list from the database', () => {
  let dir: string;
  let prisma: PrismaClient;
  let me: string;

  async function player(name: string, snap: string, savedAt: Date): Promise<string> {
    const user = await prisma.user.create({ data: { displayName: name, email: `${name.toLowerCase().replace(/\W/g, '')}@example.com`, isGuest: false } });
    const town = await prisma.town.create({ data: { ownerId: user.id, name: `${name}'s Starbase`, snapshot: snap, savedAt } });
    return town.id;
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'starscape-web-raid-targets-'));
    const url = `file:${path.join(dir, 'test.db')}`;
    await migrateDatabase(url);
    prisma = createPrismaClient(url);
    const nova = await prisma.user.create({ data: { displayName: 'Nova', email: 'nova@example.com', isGuest: false } });
    me = nova.id;
    await prisma.town.create({ data: { ownerId: me, name: "Nova's Starbase", snapshot: snapshot(30 * DAY), savedAt: new Date(NOW) } });
    await player('Rex', snapshot(10 * DAY), new Date(NOW - 60_000));
    await player('Ivy', snapshot(20 * DAY), new Date(NOW - 1000));
    await player('Newt', snapshot(DAY), new Date(NOW - 500));
    await player('Broken', '{"speed":', new Date(NOW - 200));
  }, 60_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lists other players’ starbases past protection, most recently saved first, with owner names', async () => {
    const { targets, protectedCount } = await listRaidTargets(prisma, me, NOW);
    expect(targets.map((t) => [t.name, t.ownerName])).toEqual([
      ["Ivy's Starbase", 'Ivy'],
      ["Rex's Starbase", 'Rex'],
    ]);
    expect(protectedCount).toBe(1);
    expect(Object.keys(targets[0]!).sort()).toEqual(['defenseLevel', 'foundedAt', 'name', 'ownerName', 'townId']);
  });

  it('honours the limit', async () => {
    expect((await listRaidTargets(prisma, me, NOW, 1)).targets.map((t) => t.ownerName)).toEqual(['Ivy']);
  });

  it('shows a newcomer once its protection is over', async () => {
    const later = await listRaidTargets(prisma, me, NOW + 2 * DAY + 1);
    expect(later.targets.map((t) => t.ownerName)).toEqual(['Newt', 'Ivy', 'Rex']);
    expect(later.protectedCount).toBe(0);
  });

  it('reads snapshots batch by batch past a crowd of newcomers, up to the scan cap', async () => {
    const crowd = Array.from({ length: 120 }, (_, i) => i);
    for (const i of crowd) await player(`Fresh${i}`, snapshot(DAY / 2), new Date(NOW - 100 + (i % 50)));
    const { targets, protectedCount } = await listRaidTargets(prisma, me, NOW);
    expect(targets.map((t) => t.ownerName)).toEqual(['Ivy', 'Rex']);
    expect(protectedCount).toBe(121);
    expect(MAX_SCANNED).toBeGreaterThan(125);
  });
});
