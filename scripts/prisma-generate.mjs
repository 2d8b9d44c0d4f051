/**
 * Generates the Prisma client into prisma/generated/client (git-ignored). Run by the root `postinstall`,
 * so it must work on a fresh clone, offline except for the npm registry, and inside a deploy image.
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
const generatedClient = path.join(repoRoot, 'prisma', 'generated', 'client', 'client.ts');

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
  if (existsSync(generatedClient)) {
    console.warn('[prisma-generate] prisma CLI not installed; keeping the existing generated client.');
    process.exit(0);
  }
  console.error('[prisma-generate] prisma CLI not installed and no generated client: install dev dependencies.');
  process.exit(1);
}

const engineOverride = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: engineOverride && existsSync(engineOverride) ? engineOverride : thisFile,
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};

const result = spawnSync(process.execPath, [cli, 'generate', '--config', configFile], {
  cwd: repoRoot,
  env,
  stdio: 'inherit',
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
