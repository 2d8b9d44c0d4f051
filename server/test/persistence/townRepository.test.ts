import { createPrismaClient, placeUnplacedTowns, PostgresTownSaves, SqliteTownSaves, type PrismaClient } from '@starscape/prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTownRepository } from '../../src/persistence/MemoryTownRepository';
import { PrismaTownRepository, type TownSaveStatements } from '../../src/persistence/PrismaTownRepository';
import { StaleVersionError, TownNotFoundError } from '../../src/persistence/TownRepository';
import { createPostgresTempDbs, postgresAvailable } from './postgresTempDb';
import { createSqliteTempDbs, type SqliteTempDbs } from './sqliteTempDb';
import { describeTownRepositoryContract } from './townRepository.contract';

// Each backend runs the same contract: memory, SQLite, and PostgreSQL when it is installed (required in CI).

describeTownRepositoryContract('memory', async () => ({
  repo: new MemoryTownRepository(),
  ownerId: 'user-1',
}));

describeSqlBlock('SQLite (Prisma, migrated temp file)', 'sqlite', () => createSqliteTempDbs('starscape-towns-'));

describeSqlBlock('PostgreSQL (Prisma, throwaway server)', 'postgresql', createPostgresTempDbs, {
  skip: !postgresAvailable('the PostgreSQL town repository contract'),
});

/** The contract and the tests only a shared SQL database has, on one migrated database. */
function describeSqlBlock(title: string, name: string, open: () => Promise<SqliteTempDbs>, { skip = false } = {}) {
  describe.skipIf(skip)(title, () => {
    let dbs: SqliteTempDbs;
    let databaseUrl: string;
    let prisma: PrismaClient;

    /** Towns need an existing owner (foreign key), created the way the web's sign-up does. */
    const createUser = async () => (await prisma.user.create({ data: { displayName: 'Tester', isGuest: true } })).id;

    beforeAll(async () => {
      dbs = await open();
      ({ databaseUrl } = await dbs.fresh());
      prisma = createPrismaClient(databaseUrl);
    });
    afterAll(async () => {
      await prisma?.$disconnect();
      await dbs?.cleanup();
    });

    // One database for the whole block; a fresh owner per test keeps tests apart (towns get unique ids).
    describeTownRepositoryContract(name, async () => ({
      repo: new PrismaTownRepository(prisma),
      ownerId: await createUser(),
    }));

    it('throws TownNotFoundError once the owner account is deleted (cascade)', async () => {
      const repo = new PrismaTownRepository(prisma);
      const ownerId = await createUser();
      const town = await repo.create({ ownerId, name: 'Doomed', snapshot: { metal: 1 } });
      await prisma.user.delete({ where: { id: ownerId } });

      await expect(repo.save(town.id, { metal: 2 }, 1)).rejects.toBeInstanceOf(TownNotFoundError);
      expect(await repo.load(town.id)).toBeNull();
    });

    it('places towns made before the galaxy existed on start (placeUnplacedTowns)', async () => {
      const ownerId = await createUser();
      const old = await prisma.town.create({ data: { ownerId, name: 'Old timer', snapshot: '{}' } });
      expect(old.sector).toBeNull();
      expect(await placeUnplacedTowns(prisma)).toBeGreaterThanOrEqual(1);
      const placed = await new PrismaTownRepository(prisma).load(old.id);
      expect(placed?.sector).not.toBeNull();
      expect(await placeUnplacedTowns(prisma)).toBe(0);
    });

    it('gives towns created at the same moment by two processes different places', async () => {
      const other = createPrismaClient(databaseUrl);
      try {
        const repos = [new PrismaTownRepository(prisma), new PrismaTownRepository(other)];
        const ownerId = await createUser();
        const towns = await Promise.all(Array.from({ length: 30 }, (_, i) => repos[i % 2]!.create({ ownerId, name: `Twin ${i}`, snapshot: { n: i } })));
        const places = towns.map((t) => `${t.sector}:${t.slot}`);
        expect(new Set(places).size).toBe(30);
        expect(towns.every((t) => t.sector !== null)).toBe(true);
      } finally {
        await other.$disconnect();
      }
    });

    it('lets exactly one of two processes win when both save from the same version', async () => {
      // Two clients = two connections to the same file, as with the web app and the game server.
      const other = createPrismaClient(databaseUrl);
      try {
        const ours = new PrismaTownRepository(prisma);
        const theirs = new PrismaTownRepository(other);
        const town = await ours.create({ ownerId: await createUser(), name: 'Contested', snapshot: { n: 0 } });

        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => (i % 2 ? ours : theirs).save(town.id, { n: i }, 1)),
        );
        const winners = results.filter((r) => r.status === 'fulfilled');
        const losers = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
        expect(winners).toHaveLength(1);
        expect(losers.every((reason) => reason instanceof StaleVersionError)).toBe(true);
        expect((await theirs.load(town.id))?.version).toBe(2);
      } finally {
        await other.$disconnect();
      }
    });
  });
}

describeFastSaves('SQLite with fast saves (the game server’s prepared statement)', 'sqlite-fast-saves', () => createSqliteTempDbs('starscape-fast-saves-'), (url) => {
  const statements = new SqliteTownSaves(url);
  return { statements, close: async () => statements.close() };
});

describeFastSaves('PostgreSQL with fast saves (one statement per batch)', 'postgresql-fast-saves', createPostgresTempDbs, (_url, prisma) => ({ statements: new PostgresTownSaves(prisma), close: async () => undefined }), {
  skip: !postgresAvailable('the PostgreSQL fast town saves'),
});

/** The contract again with the game server's save statements, and the check that they store what Prisma stores. */
function describeFastSaves(
  title: string,
  name: string,
  open: () => Promise<SqliteTempDbs>,
  statementsFor: (databaseUrl: string, prisma: PrismaClient) => { statements: TownSaveStatements; close: () => Promise<void> },
  { skip = false } = {},
) {
  describe.skipIf(skip)(title, () => {
    let dbs: SqliteTempDbs;
    let prisma: PrismaClient;
    let fastSaves: ReturnType<typeof statementsFor>;
    const createUser = async () => (await prisma.user.create({ data: { displayName: 'Tester', isGuest: true } })).id;

    beforeAll(async () => {
      dbs = await open();
      const { databaseUrl } = await dbs.fresh();
      prisma = createPrismaClient(databaseUrl);
      fastSaves = statementsFor(databaseUrl, prisma);
    });
    afterAll(async () => {
      await fastSaves?.close();
      await prisma?.$disconnect();
      await dbs?.cleanup();
    });

    describeTownRepositoryContract(name, async () => ({ repo: new PrismaTownRepository(prisma, fastSaves.statements), ownerId: await createUser() }));

    it('stores exactly what a Prisma save stores: Prisma reads the row back the same', async () => {
      const ownerId = await createUser();
      const viaPrisma = new PrismaTownRepository(prisma);
      const viaStatement = new PrismaTownRepository(prisma, fastSaves.statements);
      const [a, b] = await Promise.all([viaPrisma.create({ ownerId, name: 'A', snapshot: {} }), viaPrisma.create({ ownerId, name: 'B', snapshot: {} })]);
      const savedA = await viaPrisma.save(a.id, { metal: 12.5, list: [1, 'x'] }, 1, { points: 7 });
      const savedB = await viaStatement.save(b.id, { metal: 12.5, list: [1, 'x'] }, 1, { points: 7 });
      const [rowA, rowB] = await Promise.all([prisma.town.findUniqueOrThrow({ where: { id: a.id } }), prisma.town.findUniqueOrThrow({ where: { id: b.id } })]);
      expect({ ...rowB, id: rowA.id, name: rowA.name, createdAt: rowA.createdAt, slot: rowA.slot, savedAt: rowA.savedAt }).toEqual(rowA);
      expect(rowB.savedAt).toEqual(savedB.savedAt);
      expect(rowA.savedAt).toEqual(savedA.savedAt);
      expect(rowB.points).toBe(7);
      await viaStatement.save(b.id, { metal: 1 }, 2); // no derived points: the stored ones stay
      expect((await prisma.town.findUniqueOrThrow({ where: { id: b.id } })).points).toBe(7);
    });
  });
}
