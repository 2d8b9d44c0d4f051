/**
 * Generates the two Prisma clients (git-ignored): prisma/generated/client from prisma/schema.prisma (SQLite,
 * the one source schema) and prisma/generated/postgres from prisma/postgres/schema.prisma (PostgreSQL, derived
 * from the source and committed; see prisma/src/postgresSchema.ts). Two clients because the provider is a
 * literal the generated client is built for. Run by the root `postinstall`, so it must work on a fresh clone,
 * offline except for the npm registry, and inside a deploy image.
 *
 * Why the environment below:
 * - Every Prisma CLI command first tries to download a native schema engine from outside the npm registry
 *   (`getaddrinfo ENOTFOUND` here). `generate` never runs that engine, it only needs the path to exist, so
 *   PRISMA_SCHEMA_ENGINE_BINARY points at this very file unless it already names a real file.
 *   Migrations use the wasm schema engine instead (prisma/src/migrate.ts).
 * - CHECKPOINT_DISABLE stops the CLI's background update check (another network call).
 *
 * Usage: `node scripts/prisma-generate.mjs` (no arguments).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const thisFile = fileURLToPath(import.meta.url);
const repoRoot = path.resolve(path.dirname(thisFile), '..');
const configFile = path.join(repoRoot, 'prisma', 'prisma.config.ts');
/** Each schema and the client it generates (its generator `output`). */
const targets = [
  { schema: path.join(repoRoot, 'prisma', 'schema.prisma'), client: path.join(repoRoot, 'prisma', 'generated', 'client', 'client.ts') },
  {
    schema: path.join(repoRoot, 'prisma', 'postgres', 'schema.prisma'),
    client: path.join(repoRoot, 'prisma', 'generated', 'postgres', 'client.ts'),
  },
];

function resolvePrismaCli() {
  try {
    return createRequire(import.meta.url).resolve('prisma/build/index.js');
  } catch {
    return null;
  }
}

const cli = resolvePrismaCli();
if (cli === null) {
  // `npm ci --omit=dev` leaves out the CLI (a devDependency). A deploy image that copied the generated
  // client from its build stage is fine; anything else cannot run and should say so now.
  if (targets.every((target) => existsSync(target.client))) {
    console.warn('[prisma-generate] prisma CLI not installed; keeping the existing generated clients.');
    process.exit(0);
  }
  console.error('[prisma-generate] prisma CLI not installed and a generated client is missing: install dev dependencies.');
  process.exit(1);
}

const engineOverride = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: engineOverride && existsSync(engineOverride) ? engineOverride : thisFile,
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};

for (const target of targets) {
  // `--schema` overrides the config's schema; the config itself only adds the (unused here) datasource URL.
  const result = spawnSync(process.execPath, [cli, 'generate', '--config', configFile, '--schema', target.schema], {
    cwd: repoRoot,
    env,
    stdio: 'inherit',
  });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}
