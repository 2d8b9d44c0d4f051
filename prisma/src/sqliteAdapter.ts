import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import { absoluteDatabaseUrl } from './databaseUrl';

/**
 * How long a connection waits for another process's write lock before failing with SQLITE_BUSY.
 * The web app and the game server write the same file; saves are single short statements.
 */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Run on every new connection. WAL lets readers and one writer work at the same time across processes
 * (it is stored in the file, but setting it again is free); NORMAL sync is safe in WAL mode and avoids an
 * fsync per commit; foreign keys are on by default in better-sqlite3's build, stated here because the
 * Town → User cascade depends on it.
 */
const CONNECTION_PRAGMAS = 'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;';

/**
 * The better-sqlite3 driver adapter with Starscape's connection settings. The adapter opens its own
 * `Database`, so the pragmas run right after each connect; the busy timeout is better-sqlite3's `timeout`.
 * The shadow database (used by schema diffs) stays the adapter's default in-memory database.
 */
export class StarscapeSqliteAdapter extends PrismaBetterSqlite3 {
  constructor(databaseUrl: string) {
    super({ url: absoluteDatabaseUrl(databaseUrl), timeout: BUSY_TIMEOUT_MS });
  }

  override async connect(): Promise<SqlDriverAdapter> {
    const connection = await super.connect();
    await connection.executeScript(CONNECTION_PRAGMAS);
    return connection;
  }
}
