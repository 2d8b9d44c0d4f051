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

/** The two databases Starscape runs on; each has its own generated client and migrations folder. */
export type DatabaseProvider = 'sqlite' | 'postgresql';

/** What `DATABASE_URL` may look like, for error messages. */
export const ACCEPTED_DATABASE_URLS =
  '"file:<path>" (SQLite, e.g. file:./data/starscape.db) or "postgresql://user:password@host:5432/database" (PostgreSQL; "postgres://" works too)';

/**
 * Which database a URL names: `file:` is SQLite, `postgres://` and `postgresql://` are PostgreSQL. Anything
 * else is refused with the accepted forms, rather than guessed at.
 */
export function databaseProvider(databaseUrl: string): DatabaseProvider {
  if (typeof databaseUrl !== 'string' || databaseUrl.trim() === '') {
    throw new Error(`DATABASE_URL is empty: use ${ACCEPTED_DATABASE_URLS}`);
  }
  if (databaseUrl.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgresql';
  throw new Error(`DATABASE_URL "${redactDatabaseUrl(databaseUrl)}" is not a database Starscape can use: use ${ACCEPTED_DATABASE_URLS}`);
}

/** The URL with any password replaced by `***`, for logs and error messages. */
export function redactDatabaseUrl(databaseUrl: string): string {
  return databaseUrl.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^/?#@]*@/i, '$1:***@');
}

/**
 * The connection string and pool size for the pg driver. Prisma's own URL parameter `connection_limit`
 * (the pool size, default 10 as in pg) is taken out; so is `schema`, which is refused: Starscape's tables
 * live in the database's default schema (`public`), and a URL that asked for another one would otherwise be
 * silently ignored by pg.
 */
export function postgresConnection(databaseUrl: string): { connectionString: string; poolSize: number | undefined } {
  // Only the query is parsed here: libpq URLs such as `postgresql://user@/db?host=/var/run/postgresql` are
  // fine for pg but not for the WHATWG URL parser.
  const queryAt = databaseUrl.indexOf('?');
  if (queryAt === -1) return { connectionString: databaseUrl, poolSize: undefined };
  const params = new URLSearchParams(databaseUrl.slice(queryAt + 1));
  const shown = redactDatabaseUrl(databaseUrl);
  if (params.has('schema')) {
    throw new Error(`DATABASE_URL "${shown}": the "schema" parameter is not supported (Starscape uses the database's public schema; give it a database of its own)`);
  }
  const limit = params.get('connection_limit');
  if (limit === null) return { connectionString: databaseUrl, poolSize: undefined };
  if (!/^[1-9]\d{0,3}$/.test(limit)) {
    throw new Error(`DATABASE_URL "${shown}": connection_limit must be a whole number from 1, got "${limit}"`);
  }
  params.delete('connection_limit');
  const rest = params.toString();
  return { connectionString: databaseUrl.slice(0, queryAt) + (rest ? `?${rest}` : ''), poolSize: Number(limit) };
}

/** The same database as a normalized `file:<absolute path>` URL. */
export function absoluteDatabaseUrl(databaseUrl: string): string {
  return `file:${sqliteFilePath(databaseUrl)}`;
}
