/**
 * `npm run db:migration:new -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the
 * SQL that takes a database built from the existing migrations to the current schema.prisma, plus
 * migration_lock.toml. Writes nothing when they already match. Review the SQL before committing it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MIGRATION_LOCK_FILE, SQLITE_MIGRATION_LOCK } from '../src/migrationsFolder';
import { migrationsDir } from '../src/paths';
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

try {
  const sql = await pendingSchemaChanges();
  if (sql === null) {
    console.log('schema.prisma matches the existing migrations: nothing to write.');
  } else {
    const folder = path.join(migrationsDir, `${timestamp(new Date())}_${name}`);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'migration.sql'), sql);
    await writeFile(path.join(migrationsDir, MIGRATION_LOCK_FILE), SQLITE_MIGRATION_LOCK);
    console.log(`Wrote ${path.relative(process.cwd(), path.join(folder, 'migration.sql'))}; review it before committing.`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
