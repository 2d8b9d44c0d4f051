import { afterAll, beforeAll, describe } from 'vitest';
import { MemoryBattleRepository } from '../../src/persistence/MemoryBattleRepository';
import { PrismaBattleRepository } from '../../src/persistence/PrismaBattleRepository';
import { describeBattleRepositoryContract } from './battleRepository.contract';
import { createPostgresTempDbs, postgresAvailable } from './postgresTempDb';
import { createSqliteTempDbs, type SqliteTempDbs } from './sqliteTempDb';

// Each backend runs the same contract: memory, SQLite, and PostgreSQL when it is installed (required in CI).

describeBattleRepositoryContract('memory', async () => {
  const repo = new MemoryBattleRepository();
  return { repo, other: repo };
});

/** One block per SQL database: a fresh migrated database per test, with two clients as two processes would have. */
function describeSqlBlock(title: string, name: string, open: () => Promise<SqliteTempDbs>, { skip = false } = {}) {
  describe.skipIf(skip)(title, () => {
    let dbs: SqliteTempDbs;
    beforeAll(async () => {
      dbs = await open();
    });
    afterAll(async () => {
      await dbs?.cleanup();
    });

    describeBattleRepositoryContract(name, async () => {
      const { first, second, close } = await dbs.freshPair();
      return { repo: new PrismaBattleRepository(first), other: new PrismaBattleRepository(second), close };
    });
  });
}

describeSqlBlock('SQLite (Prisma, migrated temp files)', 'sqlite', () => createSqliteTempDbs('starscape-battles-'));

describeSqlBlock('PostgreSQL (Prisma, throwaway server)', 'postgresql', createPostgresTempDbs, {
  skip: !postgresAvailable('the PostgreSQL battle repository contract'),
});
