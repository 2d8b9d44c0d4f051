/**
 * Prisma 7 CLI configuration (the datasource URL no longer lives in schema.prisma). Used by `prisma generate`
 * through scripts/prisma-generate.mjs, once per schema (`--schema` picks schema.prisma or the derived
 * postgres/schema.prisma). Migrations do not go through the CLI: its native schema engine cannot be
 * downloaded here, so `src/migrate.ts` drives the wasm schema engine instead (`npm run db:migrate`).
 */
import { defineConfig } from 'prisma/config';
import { defaultDatabaseUrl } from './src/databaseUrl';
import { defaultDataDir } from './src/paths';

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: {
    // Not `env('DATABASE_URL')`: that throws when the variable is unset, and `generate` needs no database.
    url: process.env.DATABASE_URL ?? defaultDatabaseUrl(defaultDataDir),
  },
});
