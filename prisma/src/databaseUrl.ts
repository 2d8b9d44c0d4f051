import path from 'node:path';

/** File name of Starscape's SQLite database inside the data folder. */
export const DATABASE_FILE_NAME = 'starscape.db';

/**
 * The database URL used when `DATABASE_URL` is not set: `file:<absolute dataDir>/starscape.db`.
 * Absolute because the web app and the game server run from different working directories
 * and must open the same file.
 */
export function defaultDatabaseUrl(dataDir: string): string {
  return `file:${path.join(path.resolve(dataDir), DATABASE_FILE_NAME)}`;
}

/**
 * The absolute path of the SQLite file named by a `file:` URL.
 * Accepts `file:/abs/path.db` and `file:./relative.db` (resolved against the current working directory).
 * Query parameters are refused rather than silently ignored: the better-sqlite3 adapter would treat them
 * as part of the file name.
 */
export function sqliteFilePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) {
    throw new Error(`DATABASE_URL must start with "file:" (SQLite), got "${databaseUrl}"`);
  }
  const rest = databaseUrl.slice('file:'.length);
  if (rest === '' || rest.includes('?')) {
    throw new Error(`DATABASE_URL must be "file:<path>" without query parameters, got "${databaseUrl}"`);
  }
  // `file:///abs` (URL form) and `file:/abs` both mean an absolute path.
  const filePath = rest.startsWith('//') ? rest.replace(/^\/\/[^/]*/, '') : rest;
  return path.resolve(filePath);
}

/** The same database as a normalized `file:<absolute path>` URL. */
export function absoluteDatabaseUrl(databaseUrl: string): string {
  return `file:${sqliteFilePath(databaseUrl)}`;
}
