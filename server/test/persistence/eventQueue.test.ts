import { afterAll, beforeAll, describe } from 'vitest';
import { MemoryEventQueue } from '../../src/persistence/MemoryEventQueue';
import { PrismaEventQueue } from '../../src/persistence/PrismaEventQueue';
import { describeEventQueueContract } from './eventQueue.contract';
import { createPostgresTempDbs, postgresAvailable } from './postgresTempDb';
import { createSqliteTempDbs, type SqliteTempDbs } from './sqliteTempDb';

// Each backend runs the same contract: memory, SQLite, and PostgreSQL when it is installed (required in CI).

describeEventQueueContract('memory', async (options) => {
  const queue = new MemoryEventQueue(options);
  return { queue, other: queue };
});

/** One block per SQL database: a fresh database per test (the suite counts and claims everything), two clients. */
function describeSqlBlock(title: string, name: string, open: () => Promise<SqliteTempDbs>, { skip = false } = {}) {
  describe.skipIf(skip)(title, () => {
    let dbs: SqliteTempDbs;
    beforeAll(async () => {
      dbs = await open();
    });
    afterAll(async () => {
      await dbs?.cleanup();
    });

    describeEventQueueContract(name, async (options) => {
      const { first, second, close } = await dbs.freshPair();
      return { queue: new PrismaEventQueue(first, options), other: new PrismaEventQueue(second, options), close };
    });
  });
}

describeSqlBlock('SQLite (Prisma, migrated temp files)', 'sqlite', () => createSqliteTempDbs('starscape-events-'));

describeSqlBlock('PostgreSQL (Prisma, throwaway server)', 'postgresql', createPostgresTempDbs, {
  skip: !postgresAvailable('the PostgreSQL event queue contract'),
});
