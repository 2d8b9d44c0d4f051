import { readFile } from 'node:fs/promises';
import { readMigrationsFolder } from './migrationsFolder';
import {
  migrationsDir as sqliteMigrationsDir,
  postgresMigrationsDir,
  postgresSchemaPath,
  schemaPath as sqliteSchemaPath,
} from './paths';
import { absoluteDatabaseUrl, databaseProvider, type DatabaseProvider } from './databaseUrl';

/** Where the migrations and the schema are read from; the defaults are this workspace's own for the URL's provider. */
export interface MigrateOptions {
  migrationsDir?: string;
  schemaPath?: string;
}

/** Each provider's committed schema and migrations folder. */
export const PROVIDER_FILES: Record<DatabaseProvider, { schemaPath: string; migrationsDir: string }> = {
  sqlite: { schemaPath: sqliteSchemaPath, migrationsDir: sqliteMigrationsDir },
  postgresql: { schemaPath: postgresSchemaPath, migrationsDir: postgresMigrationsDir },
};

/** Migrations of one database run one at a time in this process (see `migrateDatabase`). */
const queues = new Map<string, Promise<unknown>>();

/**
 * Applies every not-yet-applied migration to the database at `databaseUrl`, recording them in the usual
 * `_prisma_migrations` table: for `file:` URLs (SQLite) those of prisma/migrations, creating the file and its
 * folder if missing; for `postgresql://` / `postgres://` URLs those of prisma/postgres/migrations, into a
 * database that must exist. Safe to re-run (already applied migrations are skipped, an edited or failed one
 * is an error). Runs the wasm schema engine, so nothing is downloaded.
 *
 * Calls for the same database are serialized within a process. Across processes: on PostgreSQL the engine
 * holds an advisory lock while it migrates (a second process waits for it, up to the engine's timeout, then
 * finds nothing left to apply); SQLite offers no such lock, so run the migrate step once before starting the
 * web app and the game server, not from both.
 *
 * @returns the names of the migrations applied by this call, oldest first.
 */
export async function migrateDatabase(
  databaseUrl: string,
  options: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  const provider = databaseProvider(databaseUrl);
  const url = provider === 'sqlite' ? absoluteDatabaseUrl(databaseUrl) : databaseUrl;
  const previous = queues.get(url) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(() => applyMigrations(url, { ...PROVIDER_FILES[provider], ...definedOnly(options) }));
  queues.set(url, next);
  try {
    return await next;
  } finally {
    if (queues.get(url) === next) queues.delete(url);
  }
}

function definedOnly(options: MigrateOptions): MigrateOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

async function applyMigrations(databaseUrl: string, files: Required<MigrateOptions>): Promise<{ applied: string[] }> {
  const [schemaContent, migrationsList] = await Promise.all([
    readFile(files.schemaPath, 'utf8'),
    readMigrationsFolder(files.migrationsDir),
  ]);
  // Loaded lazily: the web app imports this package for the client and should not load 5 MB of wasm.
  const { openSchemaEngine, NO_FILTERS } = await import('./schemaEngine');
  const schemaEngine = await openSchemaEngine(databaseUrl, { path: files.schemaPath, content: schemaContent });
  try {
    const result = await schemaEngine.run((engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTERS }));
    return { applied: result.appliedMigrationNames };
  } finally {
    await schemaEngine.close();
  }
}
