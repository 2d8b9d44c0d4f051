import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import { absoluteDatabaseUrl } from './databaseUrl';

/**
 * How long a connection waits for another process's write lock before failing with SQLITE_BUSY.
 * The web app and the game server write the same file; saves are single short statements.
 */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * How many pages the WAL may hold before the connection that commits copies them into the database file
 * (SQLite's default is 1,000, about 4 MB). Every connection that writes the file sets it, as any of them runs
 * the checkpoint. A town save rewrites one page, and a busy server saves each town every few seconds: with
 * room for 10,000 pages (about 40 MB of WAL) a checkpoint writes each page once for several saves of it, and
 * comes ten times less often. Measured on 10,000 towns, 64 saves per transaction: 23 → 15–17 µs of CPU per
 * save. A checkpoint still runs when the WAL reaches this size; readers and crash recovery read the WAL as before.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** A connection's `wal_autocheckpoint`: `pages` checked (a whole number from 1), else the default above. */
export function walAutocheckpointPages(pages: number | undefined): number {
  if (pages === undefined) return WAL_AUTOCHECKPOINT_PAGES;
  if (!Number.isSafeInteger(pages) || pages < 1) throw new RangeError(`walAutocheckpointPages must be a whole number from 1, got ${String(pages)}`);
  return pages;
}

/**
 * Run on every new connection. WAL lets readers and one writer work at the same time across processes
 * (it is stored in the file, but setting it again is free); NORMAL sync is safe in WAL mode and avoids an
 * fsync per commit; foreign keys are on by default in better-sqlite3's build, stated here because the
 * Town → User cascade depends on it.
 */
const connectionPragmas = (autocheckpointPages: number) =>
  `PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = ${autocheckpointPages}; PRAGMA foreign_keys = ON;`;

/**
 * The better-sqlite3 driver adapter with Starscape's connection settings. The adapter opens its own
 * `Database`, so the pragmas run right after each connect; the busy timeout is better-sqlite3's `timeout`.
 * The shadow database (used by schema diffs) stays the adapter's default in-memory database.
 */
export class StarscapeSqliteAdapter extends PrismaBetterSqlite3 {
  private readonly autocheckpointPages: number;

  /** `autocheckpointPages`: the connection's `wal_autocheckpoint` (default `WAL_AUTOCHECKPOINT_PAGES`). */
  constructor(databaseUrl: string, autocheckpointPages?: number) {
    super({ url: absoluteDatabaseUrl(databaseUrl), timeout: BUSY_TIMEOUT_MS });
    this.autocheckpointPages = walAutocheckpointPages(autocheckpointPages);
  }

  override async connect(): Promise<SqlDriverAdapter> {
    const connection = await super.connect();
    await connection.executeScript(connectionPragmas(this.autocheckpointPages));
    return connection;
  }
}
