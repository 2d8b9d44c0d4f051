import { readFile, writeFile } from 'node:fs/promises';
import { postgresSchemaPath, schemaPath } from './paths';

/**
 * The PostgreSQL schema is derived from the one source schema (`prisma/schema.prisma`, SQLite) by changing
 * only what a Prisma schema cannot leave open: the datasource provider (a literal the generated client is
 * built for) and where the generator writes that client. Everything else (models, indexes, comments) is
 * copied as is, so both generated clients have the same model API.
 *
 * Why a committed copy (prisma/postgres/schema.prisma) rather than one made at install time: it sits next to
 * the PostgreSQL migrations it describes, reviewers see both, and `prisma generate` and the migrate step read
 * it in a deploy image without running any TypeScript. `npm run db:migration:new` rewrites it, and
 * prisma/test/postgresSchema.test.ts fails when it is not what this function makes of the source, so nobody
 * can edit one and forget the other.
 */

/** First line of the derived file; it says where to make changes instead. */
export const POSTGRES_SCHEMA_HEADER = `// GENERATED from ../schema.prisma by prisma/src/postgresSchema.ts: do not edit.
// Edit prisma/schema.prisma and run \`npm run db:migration:new -- <name>\`, which rewrites this file and writes
// the migration for both providers (prisma/migrations and prisma/postgres/migrations).
`;

/** The generator output in the source schema (relative to prisma/) and in the derived one (relative to prisma/postgres/). */
const SQLITE_OUTPUT = 'output       = "./generated/client"';
const POSTGRES_OUTPUT = 'output       = "../generated/postgres"';
const SQLITE_PROVIDER = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;

/** The PostgreSQL schema for a SQLite source schema. Throws if the source does not have the expected shape. */
export function derivePostgresSchema(source: string): string {
  if (!SQLITE_PROVIDER.test(source)) {
    throw new Error('prisma/schema.prisma: expected `datasource db { provider = "sqlite" }` (the one source schema is SQLite)');
  }
  if (source.split(SQLITE_OUTPUT).length !== 2) {
    throw new Error(`prisma/schema.prisma: expected the generator line \`${SQLITE_OUTPUT}\` exactly once`);
  }
  const body = source.replace(SQLITE_PROVIDER, '$1"postgresql"').replace(SQLITE_OUTPUT, POSTGRES_OUTPUT);
  return `${POSTGRES_SCHEMA_HEADER}\n${body}`;
}

/** What prisma/postgres/schema.prisma should contain for the current source schema. */
export async function expectedPostgresSchema(sourcePath: string = schemaPath): Promise<string> {
  return derivePostgresSchema(await readFile(sourcePath, 'utf8'));
}

/** Rewrites prisma/postgres/schema.prisma from the source; returns true when its content changed. */
export async function writePostgresSchema(
  sourcePath: string = schemaPath,
  targetPath: string = postgresSchemaPath,
): Promise<boolean> {
  const expected = await expectedPostgresSchema(sourcePath);
  const current = await readFile(targetPath, 'utf8').catch(() => null);
  if (current === expected) return false;
  await writeFile(targetPath, expected);
  return true;
}
