import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/client/client';
import { PrismaClient as PostgresPrismaClient } from '../generated/postgres/client';
import { databaseProvider, postgresConnection } from './databaseUrl';
import { StarscapeSqliteAdapter } from './sqliteAdapter';

/** Options of `createPrismaClient`. */
export interface CreatePrismaClientOptions {
  /**
   * PostgreSQL only: the most connections this client opens (pg's pool `max`). Default: the URL's
   * `connection_limit` parameter, else 10. SQLite uses one connection per client.
   */
  poolSize?: number;
  /**
   * SQLite only: the WAL's size in pages at which a commit of this client copies it into the database file
   * (`wal_autocheckpoint`). Default `WAL_AUTOCHECKPOINT_PAGES`; a process with a `SqliteCheckpointer` passes
   * `WAL_BACKSTOP_PAGES`, so that its own commits never do the copy.
   */
  walAutocheckpointPages?: number;
}

/**
 * The one way to get a Prisma client for Starscape's database, chosen by the URL:
 * - `file:/abs/path.db` or `file:./relative.db` (resolved against the current working directory): SQLite,
 *   with WAL mode and a busy timeout because the web app and the game server open the same file;
 * - `postgresql://…` or `postgres://…`: PostgreSQL through the pg driver adapter, a pool of `poolSize`
 *   connections (or the URL's `connection_limit`, else 10).
 * Anything else throws, naming the accepted forms.
 *
 * The database must already be migrated (`migrateDatabase`). Create one client per process and
 * `$disconnect()` it on shutdown.
 */
export function createPrismaClient(databaseUrl: string, options: CreatePrismaClientOptions = {}): PrismaClient {
  if (databaseProvider(databaseUrl) === 'sqlite') {
    return new PrismaClient({ adapter: new StarscapeSqliteAdapter(databaseUrl, options.walAutocheckpointPages) });
  }
  const { connectionString, poolSize } = postgresConnection(databaseUrl);
  const max = options.poolSize ?? poolSize;
  if (max !== undefined && (!Number.isSafeInteger(max) || max < 1)) {
    throw new TypeError(`poolSize must be a whole number from 1, got ${String(max)}`);
  }
  const adapter = new PrismaPg({ connectionString, ...(max !== undefined ? { max } : {}) });
  const client = new PostgresPrismaClient({ adapter });
  // The one cast between the two generated clients, and why it is safe: both are generated from the same
  // source schema (prisma/postgres/schema.prisma is derived from prisma/schema.prisma, and a test keeps it
  // so), differing only in the provider, so they have the same models, fields and methods and return the same
  // shapes (String, Int, DateTime, Boolean map to the same JS types). Callers get the SQLite client's type and
  // must stay within that common API: nothing provider-specific (PostgreSQL's `mode: 'insensitive'` is not in
  // the SQLite type anyway), and raw SQL, if any, written for both dialects.
  return client as unknown as PrismaClient;
}
