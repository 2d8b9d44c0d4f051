import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPrismaClient, migrateDatabase, type PrismaClient } from '@starscape/prisma';

/**
 * Migrated SQLite files for repository tests. Migrating runs the wasm schema engine (slow-ish), so it runs
 * once per test file into a template; every `fresh()` database is a copy of it, empty and independent.
 */
export interface SqliteTempDbs {
  /** A new migrated, empty database file and its URL. */
  fresh(): Promise<{ databaseUrl: string }>;
  /** A new database with `clients` Prisma clients on it (two clients = two processes' connections). */
  freshClients(clients: number): Promise<{ databaseUrl: string; clients: PrismaClient[]; close(): Promise<void> }>;
  /** Removes every file made here. */
  cleanup(): Promise<void>;
}

export async function createSqliteTempDbs(prefix = 'starscape-test-'): Promise<SqliteTempDbs> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const template = path.join(dir, 'template.db');
  // The engine closes its connections when done, which checkpoints the WAL into the main file.
  await migrateDatabase(`file:${template}`);
  let next = 0;

  const fresh = async () => {
    const file = path.join(dir, `db-${next++}.db`);
    await copyFile(template, file);
    return { databaseUrl: `file:${file}` };
  };

  return {
    fresh,
    async freshClients(count) {
      const { databaseUrl } = await fresh();
      const clients = Array.from({ length: count }, () => createPrismaClient(databaseUrl));
      return {
        databaseUrl,
        clients,
        close: async () => {
          await Promise.all(clients.map((client) => client.$disconnect()));
        },
      };
    },
    async cleanup() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
