import { PrismaClient } from '../generated/client/client';
import { StarscapeSqliteAdapter } from './sqliteAdapter';

/**
 * The one way to get a Prisma client for Starscape's SQLite database (`file:/abs/path.db` or
 * `file:./relative.db`, resolved against the current working directory). Connections use WAL mode and a
 * busy timeout because the web app and the game server open the same file.
 *
 * The database must already be migrated (`migrateDatabase`). Create one client per process and
 * `$disconnect()` it on shutdown.
 */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new StarscapeSqliteAdapter(databaseUrl) });
}
