import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase } from './migrate';
import { migrationsDir as defaultMigrationsDir, prismaDir, schemaPath as defaultSchemaPath } from './paths';
import { NO_FILTERS, openSchemaEngine } from './schemaEngine';

/**
 * The SQL that would bring a database built from the migrations folder up to `schema.prisma`, or `null` when
 * they already match. Used to write a new migration and to check the committed ones are in sync.
 *
 * Why a temporary file: the engine's own "diff from a migrations folder" replays them into a shadow database
 * with one `executeRaw` per script, which better-sqlite3 refuses for multi-statement SQL. Applying the
 * migrations to a throwaway SQLite file and diffing from that database avoids the shadow database entirely.
 */
export async function pendingSchemaChanges(
  options: { migrationsDir?: string; schemaPath?: string } = {},
): Promise<string | null> {
  const schemaPath = options.schemaPath ?? defaultSchemaPath;
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir;
  const schema = { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-diff-'));
  const databaseUrl = `file:${path.join(tempDir, 'from.db')}`;
  try {
    await migrateDatabase(databaseUrl, { migrationsDir, schemaPath });
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
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}
