import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NEWCOMER_PROTECTION_MS, createBattle, newTown, outcome, resolveBattle } from '@starscape/shared';
import { createPrismaClient, migrateDatabase, type PrismaClient } from '@starscape/prisma';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROFILE_BATTLES, loadProfile } from './profiles';

vi.mock('server-only', () => ({}));

const setup = { seed: 5, attacker: { ships: { fighter: 8 } }, defender: { ships: { fighter: 3 } } };
const initial = createBattle(setup);
const final = outcome(resolveBattle(initial, []));
const won = (winner: 'attacker' | 'defender' | 'draw') => JSON.stringify({ ...final, winner });

const DAY = 24 * 3_600_000;
const NOW = Date.UTC(2026, 10, 25, 12);
const FOUNDED = NOW - 10 * DAY;

let dir: string;
let prisma: PrismaClient;

async function battle(id: string, minute: number, fields: { attackerTownId: string; defenderTownId?: string | null; kind?: string; status?: string; outcome?: string | null }) {
  await prisma.battle.create({
    data: {
      id,
      status: fields.status ?? 'finished',
      seed: 5,
      startedAt: new Date(NOW - DAY + minute * 60_000),
      attackerTownId: fields.attackerTownId,
      defenderTownId: fields.defenderTownId ?? null,
      kind: fields.kind ?? 'patrol',
      initial: JSON.stringify(initial),
      outcome: fields.outcome === undefined ? won('attacker') : fields.outcome,
    },
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'starscape-web-profiles-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  await migrateDatabase(url);
  prisma = createPrismaClient(url);
  const veteranTown = { ...newTown(FOUNDED, 1), stocks: { metal: { amount: 987_654, rate: 0, cap: 1e6 }, crystal: { amount: 1, rate: 0, cap: 1e6 }, fuel: { amount: 1, rate: 0, cap: 1e6 } } };
  await prisma.user.create({ data: { id: 'u-vet', displayName: 'Vega', email: 'vega@example.com', passwordHash: 'scrypt$secret', createdAt: new Date(FOUNDED - DAY) } });
  await prisma.town.create({ data: { id: 't-vet', ownerId: 'u-vet', name: "Vega's Starbase", snapshot: JSON.stringify(veteranTown), points: 300, sector: 2, slot: 5 } });
  await prisma.user.create({ data: { id: 'u-new', displayName: 'Guest-Lynx-42', isGuest: true } });
  await prisma.town.create({ data: { id: 't-new', ownerId: 'u-new', name: "Guest-Lynx-42's Starbase", snapshot: JSON.stringify(newTown(NOW - DAY, 1)), points: 20 } });
  await prisma.user.create({ data: { id: 'u-top', displayName: 'Orion' } });
  await prisma.town.create({ data: { id: 't-top', ownerId: 'u-top', name: "Orion's Starbase", snapshot: JSON.stringify(newTown(FOUNDED, 1)), points: 900, sector: 1, slot: 0 } });
  await prisma.user.create({ data: { id: 'u-broken', displayName: 'Static' } });
  await prisma.town.create({ data: { id: 't-broken', ownerId: 'u-broken', name: 'Static Base', snapshot: '{"not":"a town"', points: 300, sector: 1, slot: 1 } });
  await prisma.user.create({ data: { id: 'u-none', displayName: 'Drifter' } });

  // Vega: 12 patrols, then a raid on Orion that Orion beat off, then a raid by the newcomer that Vega lost, a running one
  for (let i = 0; i < 12; i++) await battle(`b-patrol-${String(i).padStart(2, '0')}`, i, { attackerTownId: 't-vet', outcome: won(i % 2 ? 'attacker' : 'defender') });
  await battle('b-vega-raids-orion', 100, { attackerTownId: 't-vet', defenderTownId: 't-top', kind: 'raid', outcome: won('defender') });
  await battle('b-lynx-raids-vega', 200, { attackerTownId: 't-new', defenderTownId: 't-vet', kind: 'raid', outcome: won('attacker') });
  await battle('b-vega-running', 300, { attackerTownId: 't-vet', kind: 'expedition', status: 'running', outcome: null });
}, 60_000);

afterAll(async () => {
  await prisma?.$disconnect();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a player profile', () => {
  it('holds public facts only: exactly these fields, and nothing from the snapshot or the account', async () => {
    const profile = (await loadProfile(prisma, 'u-vet', 'u-top', NOW))!;
    expect(Object.keys(profile).sort()).toEqual(['battles', 'displayName', 'isViewer', 'memberSince', 'rankedTowns', 'starbase', 'userId']);
    expect(Object.keys(profile.starbase!).sort()).toEqual(['foundedAt', 'name', 'points', 'protectedUntil', 'raidable', 'rank', 'rankPage', 'sector', 'slot', 'townId']);
    for (const battle of profile.battles) expect(Object.keys(battle).sort()).toEqual(['id', 'kind', 'opponentName', 'result', 'side', 'startedAt', 'status']);
    const text = JSON.stringify(profile);
    for (const secret of ['vega@example.com', 'scrypt', '987654', 'stocks', 'ships', 'fleets', 'snapshot', 'email', 'cargo', 'loot', 'survivors']) expect(text).not.toContain(secret);
  });

  it('names the player and their starbase, where it is, its points, rank and dates', async () => {
    const profile = (await loadProfile(prisma, 'u-vet', 'u-top', NOW))!;
    expect(profile).toMatchObject({ userId: 'u-vet', displayName: 'Vega', memberSince: FOUNDED - DAY, isViewer: false, rankedTowns: 4 });
    // 300 points, tied with t-broken: the id orders the tie, and "t-broken" < "t-vet"
    expect(profile.starbase).toEqual({
      townId: 't-vet',
      name: "Vega's Starbase",
      sector: 2,
      slot: 5,
      points: 300,
      rank: 3,
      rankPage: 1,
      foundedAt: FOUNDED,
      protectedUntil: FOUNDED + NEWCOMER_PROTECTION_MS,
      raidable: true,
    });
  });

  it('lists the last ten battles, newest first, each told from the player’s side whoever looks', async () => {
    const seenByOrion = (await loadProfile(prisma, 'u-vet', 'u-top', NOW))!;
    const seenByLynx = (await loadProfile(prisma, 'u-vet', 'u-new', NOW))!;
    const seenByVega = (await loadProfile(prisma, 'u-vet', 'u-vet', NOW))!;
    expect(seenByOrion.battles).toHaveLength(PROFILE_BATTLES);
    expect(seenByLynx.battles).toEqual(seenByOrion.battles);
    expect(seenByVega.battles).toEqual(seenByOrion.battles);
    expect(seenByOrion.battles.slice(0, 3)).toEqual([
      { id: 'b-vega-running', kind: 'expedition', status: 'running', startedAt: NOW - DAY + 300 * 60_000, side: 'attacker', opponentName: 'Pirate ambush', result: null },
      { id: 'b-lynx-raids-vega', kind: 'raid', status: 'finished', startedAt: NOW - DAY + 200 * 60_000, side: 'defender', opponentName: "Guest-Lynx-42's Starbase", result: 'defeat' },
      { id: 'b-vega-raids-orion', kind: 'raid', status: 'finished', startedAt: NOW - DAY + 100 * 60_000, side: 'attacker', opponentName: "Orion's Starbase", result: 'defeat' },
    ]);
    expect(seenByOrion.battles.slice(3).map((b) => [b.id, b.result])).toEqual([
      ['b-patrol-11', 'victory'],
      ['b-patrol-10', 'defeat'],
      ['b-patrol-09', 'victory'],
      ['b-patrol-08', 'defeat'],
      ['b-patrol-07', 'victory'],
      ['b-patrol-06', 'defeat'],
      ['b-patrol-05', 'victory'],
    ]);
    // the same battle on the other player's profile, from their side
    const orion = (await loadProfile(prisma, 'u-top', 'u-vet', NOW))!;
    expect(orion.battles).toEqual([expect.objectContaining({ id: 'b-vega-raids-orion', side: 'defender', opponentName: "Vega's Starbase", result: 'victory' })]);
  });

  it('may be raided by others once newcomer protection is over, never by its owner', async () => {
    expect((await loadProfile(prisma, 'u-vet', 'u-top', NOW))!.starbase!.raidable).toBe(true);
    expect((await loadProfile(prisma, 'u-vet', 'u-vet', NOW))!).toMatchObject({ isViewer: true, starbase: { raidable: false } });
    const newcomer = (await loadProfile(prisma, 'u-new', 'u-vet', NOW))!;
    expect(newcomer.starbase).toMatchObject({ raidable: false, protectedUntil: NOW - DAY + NEWCOMER_PROTECTION_MS });
    const later = (await loadProfile(prisma, 'u-new', 'u-vet', NOW - DAY + NEWCOMER_PROTECTION_MS))!;
    expect(later.starbase!.raidable).toBe(true);
  });

  it('shows a guest like anyone, by display name, and an unplaced starbase as such', async () => {
    const guest = (await loadProfile(prisma, 'u-new', 'u-vet', NOW))!;
    expect(guest).toMatchObject({ displayName: 'Guest-Lynx-42', starbase: { name: "Guest-Lynx-42's Starbase", sector: null, slot: null, rank: 4, rankPage: 1 } });
    expect(guest).not.toHaveProperty('isGuest');
  });

  it('leaves out the founding date of an unreadable snapshot, and does not offer to raid it', async () => {
    const broken = (await loadProfile(prisma, 'u-broken', 'u-vet', NOW))!;
    expect(broken.starbase).toMatchObject({ name: 'Static Base', points: 300, rank: 2, foundedAt: null, protectedUntil: null, raidable: false });
  });

  it('of a player without a starbase has none, and no battles', async () => {
    expect(await loadProfile(prisma, 'u-none', 'u-vet', NOW)).toMatchObject({ displayName: 'Drifter', starbase: null, battles: [], rankedTowns: 4 });
  });

  it('is null for an unknown id', async () => {
    expect(await loadProfile(prisma, 'u-nobody', 'u-vet', NOW)).toBeNull();
    expect(await loadProfile(prisma, '', 'u-vet', NOW)).toBeNull();
    expect(await loadProfile(prisma, 'x'.repeat(65), 'u-vet', NOW)).toBeNull();
    // no id holds U+0000 (and PostgreSQL would fail the query rather than find nothing)
    expect(await loadProfile(prisma, 'u-vet\u0000', 'u-vet', NOW)).toBeNull();
  });
});
