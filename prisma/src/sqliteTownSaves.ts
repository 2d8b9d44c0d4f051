import Database from 'better-sqlite3';
import { sqliteFilePath } from './databaseUrl';
import type { CheckpointResult } from './sqliteCheckpointer';
import { BUSY_TIMEOUT_MS, walAutocheckpointPages } from './sqliteAdapter';

/** One town save: the compare-and-set every save is (the row changes only if it still has `expectedVersion`). */
export interface TownSaveRow {
  townId: string;
  snapshotJson: string;
  expectedVersion: number;
  points: number | null;
  savedAt: Date;
}

export interface SqliteTownSavesOptions {
  /**
   * When this connection's commit copies the WAL into the file itself: default `WAL_AUTOCHECKPOINT_PAGES`; a
   * process with a `SqliteCheckpointer` passes `WAL_BACKSTOP_PAGES`.
   */
  walAutocheckpointPages?: number;
}

/**
 * The game server's hot write on SQLite, outside Prisma: one prepared statement on its own connection.
 * Through Prisma a town save costs about 240 µs of CPU (query building, the adapter, a fresh prepare, and
 * their garbage); this costs about 30 µs, which is what lets one process save 16,000 towns every few seconds
 * (BENCHMARKS.md). It writes exactly what Prisma would: `DateTime` as ISO text with `+00:00`, as the
 * better-sqlite3 adapter stores it, so Prisma reads these rows back unchanged (tested).
 */
export class SqliteTownSaves {
  private readonly db: Database.Database;
  private readonly update: Database.Statement<[string, number, string, string, number]>;
  private readonly updateWithPoints: Database.Statement<[string, number, string, number, string, number]>;
  private readonly inOneTransaction: (rows: readonly TownSaveRow[]) => boolean[];
  private saved = 0;
  private lastSavedAt: Date | undefined;
  private lastSavedAtText = '';

  constructor(databaseUrl: string, options: SqliteTownSavesOptions = {}) {
    this.db = new Database(sqliteFilePath(databaseUrl), { timeout: BUSY_TIMEOUT_MS, fileMustExist: true });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`wal_autocheckpoint = ${walAutocheckpointPages(options.walAutocheckpointPages)}`);
    // `points` only when the save gives them: SQLite rewrites the leaderboard index's entry whenever the column
    // is set, even to the same value, which made a quarter more pages to write per save
    this.update = this.db.prepare('UPDATE "Town" SET "snapshot" = ?, "version" = ?, "savedAt" = ? WHERE "id" = ? AND "version" = ?');
    this.updateWithPoints = this.db.prepare('UPDATE "Town" SET "snapshot" = ?, "version" = ?, "savedAt" = ?, "points" = ? WHERE "id" = ? AND "version" = ?');
    this.inOneTransaction = this.db.transaction((rows: readonly TownSaveRow[]) => rows.map((row) => this.save(row)));
  }

  /**
   * Several saves in one transaction (one WAL commit): about half the CPU of saving them one by one. Each
   * result is `save`'s; if SQLite fails as a whole (busy past the timeout, disk full), it throws and none is written.
   */
  saveMany(rows: readonly TownSaveRow[]): boolean[] {
    return this.inOneTransaction(rows);
  }

  /** True when the row had `expectedVersion` and now has the next one; false when nothing was written. */
  save(row: TownSaveRow): boolean {
    const savedAt = this.savedAtText(row.savedAt);
    const result =
      row.points === null
        ? this.update.run(row.snapshotJson, row.expectedVersion + 1, savedAt, row.townId, row.expectedVersion)
        : this.updateWithPoints.run(row.snapshotJson, row.expectedVersion + 1, savedAt, row.points, row.townId, row.expectedVersion);
    this.saved++;
    return result.changes === 1;
  }

  /** Rows written so far (a save rewrites about one page: what `SqliteCheckpointer` counts a round's pages by). */
  get rowsSaved(): number {
    return this.saved;
  }

  /** The rows of a batch share one `Date`: its text is made once. */
  private savedAtText(date: Date): string {
    if (date !== this.lastSavedAt) {
      this.lastSavedAt = date;
      this.lastSavedAtText = date.toISOString().replace('Z', '+00:00');
    }
    return this.lastSavedAtText;
  }

  /**
   * A PASSIVE checkpoint through this connection, on this thread: what `SqliteCheckpointer` finishes a round
   * with, after its worker copied most of the WAL.
   */
  checkpoint(): CheckpointResult {
    return (this.db.pragma('wal_checkpoint(PASSIVE)') as [CheckpointResult])[0];
  }

  close(): void {
    this.db.close();
  }
}
