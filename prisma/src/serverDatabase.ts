import { createPrismaClient } from './createPrismaClient';
import { databaseProvider } from './databaseUrl';
import { PostgresTownSaves } from './postgresTownSaves';
import { SqliteCheckpointer, WAL_BACKSTOP_PAGES } from './sqliteCheckpointer';
import { SqliteTownSaves } from './sqliteTownSaves';
import type { PrismaClient } from '../generated/client/client';

/** The database connections of a long-running server process (the game server; the load bench's baseline). */
export interface ServerDatabase {
  prisma: PrismaClient;
  /** town saves without Prisma's per-query work: SQLite, one prepared statement; PostgreSQL, one statement per batch */
  townSaves: SqliteTownSaves | PostgresTownSaves;
  /** SQLite only: the worker thread that copies the WAL into the file */
  checkpointer: SqliteCheckpointer | undefined;
  /** Closes everything, after the last save. */
  close(): Promise<void>;
}

/**
 * Opens a server process's database, which must be migrated. On SQLite, a `SqliteCheckpointer` copies the
 * WAL into the file from a worker thread, and the process's own connections keep their automatic checkpoint
 * only as a backstop (`WAL_BACKSTOP_PAGES`): no commit of the server's thread ever does the copy.
 */
export function openServerDatabase(databaseUrl: string, options: { onCheckpointBehind?: (message: string, fields: Record<string, unknown>) => void } = {}): ServerDatabase {
  if (databaseProvider(databaseUrl) === 'postgresql') {
    const prisma = createPrismaClient(databaseUrl);
    return { prisma, townSaves: new PostgresTownSaves(prisma), checkpointer: undefined, close: () => prisma.$disconnect() };
  }
  const prisma = createPrismaClient(databaseUrl, { walAutocheckpointPages: WAL_BACKSTOP_PAGES });
  const townSaves = new SqliteTownSaves(databaseUrl, { walAutocheckpointPages: WAL_BACKSTOP_PAGES });
  const checkpointer = SqliteCheckpointer.start(databaseUrl, {
    writtenPages: () => townSaves.rowsSaved, // town saves are nearly all the server writes
    finish: () => townSaves.checkpoint(),
    onBehind: options.onCheckpointBehind,
  });
  return {
    prisma,
    townSaves,
    checkpointer,
    async close() {
      await checkpointer.close(); // first: its rounds finish through the save connection
      await prisma.$disconnect();
      townSaves.close();
    },
  };
}
