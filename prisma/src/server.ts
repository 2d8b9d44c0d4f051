/**
 * @starscape/prisma/server: what only a long-running server process needs (the game server; the load bench's
 * baseline). Kept out of the main entry, which the web app imports: `SqliteCheckpointer` starts a worker thread
 * from a file, and the web app's bundler (Turbopack) cannot follow that.
 */
export { SqliteCheckpointer, WAL_BACKSTOP_PAGES, type CheckpointResult, type CheckpointStats, type SqliteCheckpointerOptions } from './sqliteCheckpointer';
export { openServerDatabase, type ServerDatabase } from './serverDatabase';
