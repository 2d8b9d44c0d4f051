/**
 * `npm run db:migrate`: applies the migrations to the database named by DATABASE_URL, else to
 * `<DATA_DIR>/starscape.db`, else to the repository's `data/starscape.db`: prisma/migrations for a `file:`
 * URL (SQLite), prisma/postgres/migrations for a `postgresql://` URL (the database must exist). No Prisma
 * CLI, no download.
 */
import { databaseProvider, defaultDatabaseUrl, redactDatabaseUrl, sqliteFilePath } from '../src/databaseUrl';
import { migrateDatabase } from '../src/migrate';
import { defaultDataDir } from '../src/paths';

const databaseUrl = process.env.DATABASE_URL || defaultDatabaseUrl(process.env.DATA_DIR || defaultDataDir);

try {
  const target = databaseProvider(databaseUrl) === 'sqlite' ? sqliteFilePath(databaseUrl) : redactDatabaseUrl(databaseUrl);
  const { applied } = await migrateDatabase(databaseUrl);
  if (applied.length === 0) console.log(`Database ${target} is up to date.`);
  else console.log(`Applied to ${target}:\n${applied.map((name) => `  ${name}`).join('\n')}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
