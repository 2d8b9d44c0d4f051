import 'server-only';
import { createPrismaClient, defaultDataDir, defaultDatabaseUrl } from '@starscape/prisma';
import { env } from './env';

export type Db = ReturnType<typeof createPrismaClient>;

/**
 * Dev reloads re-evaluate modules; keeping the client on globalThis avoids one SQLite handle (or PostgreSQL
 * pool) per reload.
 */
const holder = globalThis as typeof globalThis & { __starscapeDb?: Db };

/** DATABASE_URL (SQLite `file:` or `postgresql://`), else the SQLite file in DATA_DIR, else in the repository's data/. */
function databaseUrl(): string {
  const { DATABASE_URL, DATA_DIR } = env();
  return DATABASE_URL ?? defaultDatabaseUrl(DATA_DIR ?? defaultDataDir);
}

/** The one Prisma client of this process, created on first use. */
export function db(): Db {
  holder.__starscapeDb ??= createPrismaClient(databaseUrl());
  return holder.__starscapeDb;
}
