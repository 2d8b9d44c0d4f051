import { createBattle, outcome, resolveBattle, type CombatOrder } from '@starscape/shared';
import { createPrismaClient, type PrismaClient } from '@starscape/prisma';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { headline, tallies } from '../battle/report';
import { decodeCursor, encodeCursor, listBattleReports, loadBattle, playerTownIds, returningCargo, toReport, type BattleSummaryRow } from './battles';
import { postgresTestDb, postgresTestsAvailable, sqliteTestDb, type OpenTestDatabase, type TestDatabase } from './testDatabases';

vi.mock('server-only', () => ({}));

const setup = { seed: 77, attacker: { ships: { fighter: 20, frigate: 5 } }, defender: { ships: { fighter: 12, frigate: 2 } } };
const initial = createBattle(setup);
const orders: CombatOrder[] = [{ step: 10, side: 'attacker', kind: 'retreat' }, { step: 25, side: 'attacker', kind: 'engage' }];
const final = outcome(resolveBattle(initial, orders));

// The database under test: the SQLite block's, then the PostgreSQL block's (blocks run one after the other).
let database: TestDatabase | undefined;
let prisma: PrismaClient;
let mine: string;
let rival: string;

function snapshotWithFleets(fleets: unknown[]) {
  return JSON.stringify({ speed: 1, since: 0, fleets });
}

async function battle(id: string, fields: Partial<{ startedAt: Date; attackerTownId: string; defenderTownId: string | null; kind: string; status: string; initial: string; orders: string; outcome: string | null; seed: number }> = {}) {
  await prisma.battle.create({
    data: {
      id,
      status: fields.status ?? 'finished',
      seed: fields.seed ?? 77,
      startedAt: fields.startedAt ?? new Date(Date.UTC(2026, 0, 1, 12)),
      finishedAt: new Date(Date.UTC(2026, 0, 1, 12, 1)),
      attackerTownId: fields.attackerTownId ?? mine,
      defenderTownId: fields.defenderTownId ?? null,
      kind: fields.kind ?? 'patrol',
      initial: fields.initial ?? JSON.stringify(initial),
      orders: fields.orders ?? JSON.stringify(orders),
      outcome: fields.outcome === undefined ? JSON.stringify(final) : fields.outcome,
    },
  });
}

/** Two players, their starbases and the battles the tests read. */
async function seed(): Promise<void> {
  const nova = await prisma.user.create({ data: { displayName: 'Nova', email: 'nova@example.com', isGuest: false } });
  const rex = await prisma.user.create({ data: { displayName: 'Rex', email: 'rex@example.com', isGuest: false } });
  mine = (
    await prisma.town.create({
      data: {
        ownerId: nova.id,
        name: "Nova's Starbase",
        snapshot: snapshotWithFleets([{ id: 'f1', status: 'returning', battleId: 'b-won-flying', cargo: { metal: 1200, crystal: 600, fuel: 80 }, ships: {} }]),
      },
    })
  ).id;
  rival = (await prisma.town.create({ data: { ownerId: rex.id, name: "Rex's Starbase", snapshot: '{}' } })).id;

  for (let i = 0; i < 25; i++) await battle(`b-${String(i).padStart(2, '0')}`, { startedAt: new Date(Date.UTC(2026, 0, 2, 0, i)) });
  // two battles at the same moment: the id breaks the tie
  await battle('b-tie-a', { startedAt: new Date(Date.UTC(2026, 0, 3)) });
  await battle('b-tie-b', { startedAt: new Date(Date.UTC(2026, 0, 3)) });
  await battle('b-raid-on-me', { startedAt: new Date(Date.UTC(2026, 0, 4)), attackerTownId: rival, defenderTownId: mine, kind: 'raid' });
  await battle('b-rivals-own', { attackerTownId: rival });
  await battle('b-won-flying', { startedAt: new Date(Date.UTC(2025, 11, 1)), outcome: JSON.stringify({ ...final, winner: 'attacker' }) });
  await battle('b-bad-outcome', { startedAt: new Date(Date.UTC(2025, 11, 2)), outcome: '{"winner":"attacker"' });
  await battle('b-bad-initial', { startedAt: new Date(Date.UTC(2025, 11, 3)), initial: JSON.stringify({ ...initial, version: 2 }) });
  await battle('b-bad-orders', { startedAt: new Date(Date.UTC(2025, 11, 4)), orders: '[{"step":-1,"side":"attacker","kind":"retreat"}]' });
  await battle('b-running', { startedAt: new Date(Date.UTC(2025, 11, 5)), status: 'running', outcome: null });
  await battle('b-big-seed', { startedAt: new Date(Date.UTC(2025, 11, 6)), seed: -5 });
}

describeOnDatabase('SQLite', sqliteTestDb('starscape-web-battles-'));
describeOnDatabase('PostgreSQL', postgresTestDb, !postgresTestsAvailable('the PostgreSQL web battle log tests'));

/** The tests that read the database, on one database. */
function describeOnDatabase(name: string, open: OpenTestDatabase, skip = false) {
  describe.skipIf(skip)(name, () => {
    beforeAll(async () => {
      database = await open();
      prisma = createPrismaClient(database.url);
      await seed();
    }, 60_000);

    afterAll(async () => {
      await prisma?.$disconnect();
      await database?.close();
    });

    describe('the battle log', () => {
      it('lists the battles of the player’s starbases, newest first, in pages that join up exactly', async () => {
        const towns = await playerTownIds(prisma, (await prisma.town.findUniqueOrThrow({ where: { id: mine } })).ownerId);
        expect(towns).toEqual([mine]);
        const seen: string[] = [];
        let before = null;
        for (let page = 0; page < 10; page++) {
          const { reports, next } = await listBattleReports(prisma, towns, { limit: 7, before });
          seen.push(...reports.map((r) => r.id));
          if (!next) break;
          before = decodeCursor(encodeCursor(next));
        }
        expect(seen.slice(0, 4)).toEqual(['b-raid-on-me', 'b-tie-b', 'b-tie-a', 'b-24']);
        expect(seen).toHaveLength(25 + 2 + 1 + 6);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen).not.toContain('b-rivals-own');
      });

      it('tells each battle from the player’s side, with names, result, losses and length', async () => {
        const { reports } = await listBattleReports(prisma, [mine], { limit: 3 });
        const raid = reports[0]!;
        expect(raid).toMatchObject({ kind: 'raid', viewerSide: 'defender', attacker: { name: "Rex's Starbase", townId: rival }, defender: { name: "Nova's Starbase" } });
        const patrol = reports[1]!;
        expect(patrol).toMatchObject({ kind: 'patrol', viewerSide: 'attacker', defender: { name: 'Pirates', townId: null }, problem: null });
        expect(patrol.outcome).toEqual(final);
        expect(tallies(patrol.outcome!, 'attacker').map((t) => t.ship)).toEqual(['fighter', 'frigate']);
        expect(headline(patrol)).toBe(final.winner === 'attacker' ? 'Victory' : final.winner === 'draw' ? 'Draw' : 'Defeat');
      });

      it('shows the loot while the fleet that won it flies home', async () => {
        const { reports } = await listBattleReports(prisma, [mine], { limit: 100 });
        expect(reports.find((r) => r.id === 'b-won-flying')!.loot).toEqual({ kind: 'known', cargo: { metal: 1200, crystal: 600, fuel: 80 } });
        const tie = reports.find((r) => r.id === 'b-tie-a')!;
        expect(tie.loot).toEqual(final.winner === 'attacker' ? { kind: 'unknown' } : { kind: 'none' });
      });

      it('a damaged outcome becomes a problem on its report, not an error', async () => {
        const { reports } = await listBattleReports(prisma, [mine], { limit: 100 });
        const bad = reports.find((r) => r.id === 'b-bad-outcome')!;
        expect(bad.outcome).toBeNull();
        expect(bad.problem).toMatch(/outcome is unreadable \(not valid JSON\)/);
        expect(reports.find((r) => r.id === 'b-running')).toMatchObject({ status: 'running', outcome: null, problem: null });
      });

      it('a player without a starbase has an empty log', async () => {
        expect(await listBattleReports(prisma, [])).toEqual({ reports: [], next: null });
      });
    });

    describe('one battle', () => {
      it('comes with its record parsed by the shared schemas, ready to replay', async () => {
        const detail = (await loadBattle(prisma, 'b-03', [mine]))!;
        expect(detail.replayProblem).toBeNull();
        expect(detail.replay).toEqual({ initial, orders, seed: 77 });
        expect(outcome(resolveBattle(detail.replay!.initial, detail.replay!.orders))).toEqual(detail.report.outcome);
      });

      it('is open to any player (battles are public), told neutrally to one who did not fight', async () => {
        const detail = (await loadBattle(prisma, 'b-rivals-own', [mine]))!;
        expect(detail.report.viewerSide).toBeNull();
        expect(detail.replay).not.toBeNull();
      });

      it('is null when there is no such battle', async () => {
        expect(await loadBattle(prisma, 'b-nope', [mine])).toBeNull();
        expect(await loadBattle(prisma, '', [mine])).toBeNull();
        // PostgreSQL refuses U+0000 in a query parameter: it must mean "no such battle", not an error
        expect(await loadBattle(prisma, 'b-03\u0000', [mine])).toBeNull();
      });

      it('a damaged starting state or order log keeps the report and explains why there is no replay', async () => {
        const badInitial = (await loadBattle(prisma, 'b-bad-initial', [mine]))!;
        expect(badInitial.replay).toBeNull();
        expect(badInitial.replayProblem).toMatch(/starting state is damaged .*version/);
        expect(badInitial.report.outcome).toEqual(final);
        const badOrders = (await loadBattle(prisma, 'b-bad-orders', [mine]))!;
        expect(badOrders.replay).toBeNull();
        expect(badOrders.replayProblem).toMatch(/order log is damaged .*0\.step/);
      });

      it('a running battle has no replay yet, and no problem', async () => {
        expect(await loadBattle(prisma, 'b-running', [mine])).toMatchObject({ replay: null, replayProblem: null, report: { status: 'running' } });
      });

      it('reads the seed back unsigned (the column is a signed 32-bit integer)', async () => {
        expect((await loadBattle(prisma, 'b-big-seed', [mine]))!.replay!.seed).toBe(0xfffffffb);
      });
    });
  });
}

describe('report pieces', () => {
  const row: BattleSummaryRow = {
    id: 'b-x',
    status: 'finished',
    startedAt: new Date(1000),
    finishedAt: null,
    attackerTownId: 't1',
    defenderTownId: null,
    kind: 'expedition',
    outcome: JSON.stringify(final),
  };

  it('names pirates after the mission, and a vanished starbase plainly', () => {
    expect(toReport(row, ['t1'], new Map()).defender.name).toBe('Pirate ambush');
    expect(toReport({ ...row, kind: 'patrol' }, ['t1'], new Map()).defender.name).toBe('Pirates');
    expect(toReport({ ...row, kind: 'raid', defenderTownId: 'gone' }, ['t1'], new Map()).defender.name).toBe('A vanished starbase');
  });

  it('flags what it cannot read: an unknown kind, an outcome of the wrong shape, a finished battle without one', () => {
    expect(toReport({ ...row, kind: 'duel' }, [], new Map())).toMatchObject({ kind: null, problem: expect.stringMatching(/^Unknown battle kind "duel"/) });
    expect(toReport({ ...row, outcome: '{"winner":"attacker"}' }, [], new Map())).toMatchObject({ outcome: null, problem: expect.stringMatching(/outcome is unreadable/) });
    expect(toReport({ ...row, outcome: null }, [], new Map()).problem).toMatch(/no outcome/);
  });

  it('cursors round-trip, ids with underscores included; anything else is no cursor', () => {
    const cursor = { startedAt: new Date(Date.UTC(2026, 0, 2)), id: 'b-fleet_1_x' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const text of [undefined, null, '', 'abc', '_b-1', '12', '1e3_b', `${'9'.repeat(16)}_b`, '12_b\u0000']) expect(decodeCursor(text)).toBeNull();
  });

  it('returning cargo is read from a town snapshot, ignoring fleets still out and damaged snapshots', () => {
    const text = snapshotWithFleets([
      { status: 'returning', battleId: 'b1', cargo: { metal: 1, crystal: 2, fuel: 3 } },
      { status: 'outbound', battleId: null, cargo: { metal: 0, crystal: 0, fuel: 0 } },
      { status: 'returning', battleId: null, cargo: { metal: 9, crystal: 9, fuel: 9 } },
    ]);
    expect([...returningCargo(text)]).toEqual([['b1', { metal: 1, crystal: 2, fuel: 3 }]]);
    expect(returningCargo('not json').size).toBe(0);
    expect(returningCargo('{"fleets":"x"}').size).toBe(0);
  });
});
