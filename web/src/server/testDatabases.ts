/**
 * Migrated databases for the web's server-side tests (imported by tests only): a SQLite file, or a throwaway
 * PostgreSQL server (scripts/services/postgres.ts) when PostgreSQL is installed. Gate PostgreSQL blocks with
 * `describe.skipIf(!postgresTestsAvailable('…'))`: a missing PostgreSQL skips them with a note, except in CI
 * (`CI=true`), where it is an error.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase } from '@starscape/prisma';
import { serviceAvailable } from '../../../scripts/services/availability';
import { postgresCheck, startPostgres } from '../../../scripts/services/postgres';

/** A migrated, empty database; `close()` removes it. */
export interface TestDatabase {
  url: string;
  /** a temporary folder of its own (the SQLite file's; mail outboxes and the like can go there too) */
  dir: string;
  close(): Promise<void>;
}

export type OpenTestDatabase = () => Promise<TestDatabase>;

/** A migrated SQLite file in a new temporary folder. */
export function sqliteTestDb(prefix: string): OpenTestDatabase {
  return async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    const url = `file:${path.join(dir, 'test.db')}`;
    await migrateDatabase(url);
    return { url, dir, close: () => rm(dir, { recursive: true, force: true }) };
  };
}

/** A migrated database on a new throwaway PostgreSQL server (about a second to start); `close()` stops it. */
export const postgresTestDb: OpenTestDatabase = async () => {
  const server = await startPostgres();
  try {
    await migrateDatabase(server.url);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'starscape-pg-test-'));
  return {
    url: server.url,
    dir,
    close: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

/** Whether PostgreSQL blocks run here (see the file comment). */
export function postgresTestsAvailable(skipped: string): boolean {
  return serviceAvailable(postgresCheck(), skipped);
}
