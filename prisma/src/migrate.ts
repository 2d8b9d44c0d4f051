import { readFile } from 'node:fs/promises';
import { readMigrationsFolder } from './migrationsFolder';
import { migrationsDir as defaultMigrationsDir, schemaPath as defaultSchemaPath } from './paths';
import { absoluteDatabaseUrl } from './databaseUrl';

/** Where the migrations and the schema are read from; the defaults are this workspace's own. */
export interface MigrateOptions {
  migrationsDir?: string;
  schemaPath?: string;
}

/** Migrations of one file run one at a time in this process (see `migrateDatabase`). */
const queues = new Map<string, Promise<unknown>>();

/**
 * Applies every not-yet-applied `migrations/<name>/migration.sql` to the SQLite database at `databaseUrl`
 * (`file:/abs/path.db` or `file:./relative.db`), recording them in the usual `_prisma_migrations` table.
 * Creates the file and its folder if missing; safe to re-run (already applied migrations are skipped, an
 * edited or failed one is an error). Runs the wasm schema engine, so nothing is downloaded.
 *
 * Calls for the same file are serialized within a process; SQLite offers no lock across processes for this,
 * so run the migrate step once before starting the web app and the game server, not from both.
 *
 * @returns the names of the migrations applied by this call, oldest first.
 */
export async function migrateDatabase(
  databaseUrl: string,
  options: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  const url = absoluteDatabaseUrl(databaseUrl);
  const previous = queues.get(url) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(() => applyMigrations(url, options));
  queues.set(url, next);
  try {
    return await next;
  } finally {
    if (queues.get(url) === next) queues.delete(url);
  }
}

async function applyMigrations(databaseUrl: string, options: MigrateOptions): Promise<{ applied: string[] }> {
  const schemaPath = options.schemaPath ?? defaultSchemaPath;
  const [schemaContent, migrationsList] = await Promise.all([
    readFile(schemaPath, 'utf8'),
    readMigrationsFolder(options.migrationsDir ?? defaultMigrationsDir),
  ]);
  // Loaded lazily: the web app imports this package for the client and should not load 5 MB of wasm.
  const { openSchemaEngine, NO_FILTERS } = await import('./schemaEngine');
  const schemaEngine = await openSchemaEngine(databaseUrl, { path: schemaPath, content: schemaContent });
  try {
    const result = await schemaEngine.run((engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTERS }));
    return { applied: result.appliedMigrationNames };
  } finally {
    await schemaEngine.close();
  }
}
