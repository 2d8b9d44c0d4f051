import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { databaseProvider } from './databaseUrl';
import { migrateDatabase, PROVIDER_FILES } from './migrate';
import { prismaDir } from './paths';
import { NO_FILTERS, openSchemaEngine } from './schemaEngine';

type SchemaFile = { path: string; content: string };

/** Where `pendingSchemaChanges` reads from. Defaults: the committed SQLite schema and migrations. */
export interface PendingSchemaChangesOptions {
  migrationsDir?: string;
  schemaPath?: string;
  /**
   * An empty scratch database to replay the migrations into; its URL picks the provider and so the default
   * schema and migrations. Needed for PostgreSQL; without it, SQLite in a temporary file.
   */
  scratchDatabaseUrl?: string;
}

/**
 * The SQL that would bring a database built from the migrations folder up to the schema, or `null` when
 * they already match. Used to write a new migration and to check the committed ones are in sync.
 *
 * How: the migrations are applied to a scratch database, and the engine diffs that database against the
 * schema. For SQLite the scratch database is a temporary file; for PostgreSQL the caller gives an empty
 * database (`scratchDatabaseUrl`), which is left migrated.
 *
 * Why not the engine's own "diff from a migrations folder": it replays them into a shadow database with one
 * `executeRaw` per script, which better-sqlite3 refuses for multi-statement SQL, and on PostgreSQL it would
 * need the right to create databases. Applying the migrations to a scratch database avoids the shadow database.
 */
export async function pendingSchemaChanges(options: PendingSchemaChangesOptions = {}): Promise<string | null> {
  const provider = options.scratchDatabaseUrl === undefined ? 'sqlite' : databaseProvider(options.scratchDatabaseUrl);
  const schemaPath = options.schemaPath ?? PROVIDER_FILES[provider].schemaPath;
  const migrationsDir = options.migrationsDir ?? PROVIDER_FILES[provider].migrationsDir;
  const schema = { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
  if (options.scratchDatabaseUrl !== undefined) return diffAgainstMigrations(options.scratchDatabaseUrl, schema, migrationsDir);
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-diff-'));
  try {
    return await diffAgainstMigrations(`file:${path.join(tempDir, 'from.db')}`, schema, migrationsDir);
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}

async function diffAgainstMigrations(databaseUrl: string, schema: SchemaFile, migrationsDir: string): Promise<string | null> {
  await migrateDatabase(databaseUrl, { migrationsDir, schemaPath: schema.path });
  const schemaEngine = await openSchemaEngine(databaseUrl, schema);
  try {
    const result = await schemaEngine.run((engine) =>
      engine.diff({
        from: { tag: 'schemaDatasource', files: [schema], configDir: prismaDir },
        to: { tag: 'schemaDatamodel', files: [schema] },
        script: true,
        // exitCode 2 means "not empty", which is more robust than matching the "empty migration" comment.
        exitCode: true,
        filters: NO_FILTERS,
      }),
    );
    return result.exitCode === 2 ? (result.stdout ?? '') : null;
  } finally {
    await schemaEngine.close();
  }
}
