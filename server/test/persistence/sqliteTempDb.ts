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
  /** A new database with two clients on it, as the web app and the game server (or two game servers) have. */
  freshPair(): Promise<{ databaseUrl: string; first: PrismaClient; second: PrismaClient; close(): Promise<void> }>;
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
    freshPair: () => openPair(fresh),
    async cleanup() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database (from `fresh`) with two clients on it, as the web app and the game server (or two game servers) have. */
export async function openPair(fresh: () => Promise<{ databaseUrl: string }>): ReturnType<SqliteTempDbs['freshPair']> {
  const { databaseUrl } = await fresh();
  const first = createPrismaClient(databaseUrl);
  const second = createPrismaClient(databaseUrl);
  return {
    databaseUrl,
    first,
    second,
    close: async () => {
      await Promise.all([first.$disconnect(), second.$disconnect()]);
    },
  };
}
