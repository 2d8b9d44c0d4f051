/**
 * `npm run db:migration:new -- <name>`: after an edit of prisma/schema.prisma (the one source schema),
 * 1. rewrites prisma/postgres/schema.prisma from it (see src/postgresSchema.ts);
 * 2. for each provider, works out the SQL that takes a database built from that provider's migrations to its
 *    schema: SQLite in a temporary file, PostgreSQL in a throwaway server (Debian's postgresql package, started
 *    by scripts/services/postgres.ts);
 * 3. writes it as `<timestamp>_<name>/migration.sql` in prisma/migrations and prisma/postgres/migrations
 *    (the same folder name in both), plus each folder's migration_lock.toml.
 * A provider whose migrations already match gets nothing. Review both SQL files before committing them, then
 * regenerate the clients (`node scripts/prisma-generate.mjs`, run by `npm install`).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { postgresCheck, startPostgres } from '../../scripts/services/postgres';
import { MIGRATION_LOCK_FILE, POSTGRES_MIGRATION_LOCK, SQLITE_MIGRATION_LOCK } from '../src/migrationsFolder';
import { migrationsDir, postgresMigrationsDir, postgresSchemaPath } from '../src/paths';
import { writePostgresSchema } from '../src/postgresSchema';
import { pendingSchemaChanges } from '../src/schemaDiff';

/** Prisma's folder prefix: UTC `YYYYMMDDHHMMSS`, so folders sort in creation order. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Lower-case words joined by underscores, as the Prisma CLI names migration folders. */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const name = slug(process.argv.slice(2).join(' '));
if (name === '') {
  console.error('Usage: npm run db:migration:new -- <name>   (for example: add_town_banner)');
  process.exit(2);
}

const relative = (file: string) => path.relative(process.cwd(), file);

try {
  // Checked first, so a machine without PostgreSQL writes nothing rather than one provider's migration.
  if (!postgresCheck().program) {
    throw new Error(
      'Writing the PostgreSQL migration needs a PostgreSQL server to replay prisma/postgres/migrations into ' +
        `(${postgresCheck().install}); nothing was written.`,
    );
  }
  if (await writePostgresSchema()) console.log(`Rewrote ${relative(postgresSchemaPath)} from schema.prisma.`);

  const sqliteSql = await pendingSchemaChanges();
  const postgres = await startPostgres();
  let postgresSql: string | null;
  try {
    postgresSql = await pendingSchemaChanges({ scratchDatabaseUrl: postgres.url });
  } finally {
    await postgres.stop();
  }

  const folderName = `${timestamp(new Date())}_${name}`;
  const targets = [
    { provider: 'SQLite', sql: sqliteSql, dir: migrationsDir, lock: SQLITE_MIGRATION_LOCK },
    { provider: 'PostgreSQL', sql: postgresSql, dir: postgresMigrationsDir, lock: POSTGRES_MIGRATION_LOCK },
  ];
  for (const target of targets) {
    if (target.sql === null) {
      console.log(`${target.provider}: the schema matches the existing migrations, nothing to write.`);
      continue;
    }
    const folder = path.join(target.dir, folderName);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'migration.sql'), target.sql);
    await writeFile(path.join(target.dir, MIGRATION_LOCK_FILE), target.lock);
    console.log(`${target.provider}: wrote ${relative(path.join(folder, 'migration.sql'))}; review it before committing.`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
