import { createPrismaClient, migrateDatabase, type PrismaClient } from '@starscape/prisma';
import { serviceAvailable } from '../../../scripts/services/availability';
import { postgresCheck, startPostgres, type LocalPostgres } from '../../../scripts/services/postgres';
import { openPair, type SqliteTempDbs } from './sqliteTempDb';

/**
 * Whether the PostgreSQL blocks of a test file run: true when PostgreSQL is installed; otherwise they are
 * skipped with one line saying so, except in CI (`CI=true`), where a missing PostgreSQL is an error.
 */
export function postgresAvailable(skipped: string): boolean {
  return serviceAvailable(postgresCheck(), skipped);
}

/** A migrated PostgreSQL database for repository tests, the same shape as the SQLite ones. */
export interface PostgresTempDbs extends SqliteTempDbs {
  /** The throwaway server, for tests that need more than the one database. */
  server: LocalPostgres;
}

/**
 * A throwaway PostgreSQL server for one test file (scripts/services/postgres.ts: about a second to start)
 * with one database, migrated once. Unlike the SQLite helper, `fresh()` does not make a new database (a
 * `CREATE DATABASE`, even from a migrated template, takes about 250 ms here): it empties every table of the
 * one database (`TRUNCATE … CASCADE`, about 40 ms) and hands out its URL again. So only one "fresh" database
 * is in use at a time: close the clients of one test before the next calls `fresh()`, as the contracts do.
 * `cleanup()` stops the server and removes its folder.
 */
export async function createPostgresTempDbs(): Promise<PostgresTempDbs> {
  const server = await startPostgres();
  let admin: PrismaClient | undefined;
  let tables: string[];
  try {
    await migrateDatabase(server.url);
    admin = createPrismaClient(server.url, { poolSize: 1 });
    const rows = await admin.$queryRawUnsafe<{ name: string }[]>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
    );
    tables = rows.map((row) => `"${row.name}"`);
  } catch (error) {
    await admin?.$disconnect();
    await server.stop();
    throw error;
  }
  const client = admin;

  const fresh = async () => {
    await client.$executeRawUnsafe(`TRUNCATE ${tables.join(', ')} CASCADE`);
    return { databaseUrl: server.url };
  };

  return {
    server,
    fresh,
    freshPair: () => openPair(fresh),
    async cleanup() {
      await client.$disconnect();
      await server.stop();
    },
  };
}
