import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `prisma/` workspace folder (this file lives in `prisma/src/`). */
export const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The one source Prisma schema (SQLite); the PostgreSQL schema is derived from it (see postgresSchema.ts). */
export const schemaPath = path.join(prismaDir, 'schema.prisma');

/** Committed SQLite migrations, one `<timestamp>_<name>/migration.sql` per folder. */
export const migrationsDir = path.join(prismaDir, 'migrations');

/** The PostgreSQL schema, generated from `schemaPath` and committed (see postgresSchema.ts). */
export const postgresSchemaPath = path.join(prismaDir, 'postgres', 'schema.prisma');

/** Committed PostgreSQL migrations: the same migration names as `migrationsDir`, written for PostgreSQL. */
export const postgresMigrationsDir = path.join(prismaDir, 'postgres', 'migrations');

/**
 * The repository's `data/` folder (git-ignored): where the database lives when neither `DATABASE_URL` nor
 * a data folder is configured. Pass it to `defaultDatabaseUrl`.
 */
export const defaultDataDir = path.join(prismaDir, '..', 'data');
