import { afterAll, beforeAll, describe } from 'vitest';
import { MemoryEventQueue } from '../../src/persistence/MemoryEventQueue';
import { PrismaEventQueue } from '../../src/persistence/PrismaEventQueue';
import { describeEventQueueContract } from './eventQueue.contract';
import { createSqliteTempDbs, type SqliteTempDbs } from './sqliteTempDb';

// Each backend runs the same contract. A PostgreSQL backend adds one more block like the SQLite one.

describeEventQueueContract('memory', async (options) => {
  const queue = new MemoryEventQueue(options);
  return { queue, other: queue };
});

describe('SQLite (Prisma, migrated temp files)', () => {
  let dbs: SqliteTempDbs;
  beforeAll(async () => {
    dbs = await createSqliteTempDbs('starscape-events-');
  });
  afterAll(async () => {
    await dbs?.cleanup();
  });

  // A fresh file per test (the suite counts and claims everything), with two clients as two processes would.
  describeEventQueueContract('sqlite', async (options) => {
    const { first, second, close } = await dbs.freshPair();
    return { queue: new PrismaEventQueue(first, options), other: new PrismaEventQueue(second, options), close };
  });
});
