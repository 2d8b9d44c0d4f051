import { afterAll, beforeAll, describe } from 'vitest';
import { MemoryBattleRepository } from '../../src/persistence/MemoryBattleRepository';
import { PrismaBattleRepository } from '../../src/persistence/PrismaBattleRepository';
import { describeBattleRepositoryContract } from './battleRepository.contract';
import { createSqliteTempDbs, type SqliteTempDbs } from './sqliteTempDb';

describeBattleRepositoryContract('memory', async () => {
  const repo = new MemoryBattleRepository();
  return { repo, other: repo };
});

describe('SQLite (Prisma, migrated temp files)', () => {
  let dbs: SqliteTempDbs;
  beforeAll(async () => {
    dbs = await createSqliteTempDbs('starscape-battles-');
  });
  afterAll(async () => {
    await dbs?.cleanup();
  });

  describeBattleRepositoryContract('sqlite', async () => {
    const { first, second, close } = await dbs.freshPair();
    return { repo: new PrismaBattleRepository(first), other: new PrismaBattleRepository(second), close };
  });
});
