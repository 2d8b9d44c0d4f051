import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `prisma/` workspace folder (this file lives in `prisma/src/`). */
export const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The one Prisma schema. */
export const schemaPath = path.join(prismaDir, 'schema.prisma');

/** Committed migrations, one `<timestamp>_<name>/migration.sql` per folder. */
export const migrationsDir = path.join(prismaDir, 'migrations');

/**
 * The repository's `data/` folder (git-ignored): where the database lives when neither `DATABASE_URL` nor
 * a data folder is configured. Pass it to `defaultDatabaseUrl`.
 */
export const defaultDataDir = path.join(prismaDir, '..', 'data');
