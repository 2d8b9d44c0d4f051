import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Everything the web build is made from; a change to any of these means a new build. */
const INPUTS = ['web/src', 'web/public', 'web/next.config.ts', 'web/package.json', 'web/tsconfig.json', 'shared/src', 'prisma/src', 'prisma/schema.prisma', 'package-lock.json'];

async function hashInputs(root: string): Promise<string> {
  const hash = createHash('sha256');
  async function visit(rel: string): Promise<void> {
    const abs = path.join(root, rel);
    if (!existsSync(abs)) return;
    if ((await stat(abs)).isDirectory()) {
      for (const name of (await readdir(abs)).sort()) {
        if (name === 'node_modules' || name === '.next' || name.endsWith('.test.ts')) continue;
        await visit(path.join(rel, name));
      }
    } else {
      hash.update(rel).update('\0').update(await readFile(abs)).update('\0');
    }
  }
  for (const input of INPUTS) await visit(input);
  return hash.digest('hex');
}

/** Builds the web app with `next build` unless the last build was made from the same sources. */
export async function buildWebIfNeeded(root: string, log: (line: string) => void): Promise<'built' | 'up to date'> {
  const stampPath = path.join(root, 'web', '.next', 'starscape-build-stamp');
  const current = await hashInputs(root);
  const previous = existsSync(stampPath) ? await readFile(stampPath, 'utf8') : null;
  if (previous === current && existsSync(path.join(root, 'web', '.next', 'BUILD_ID'))) return 'up to date';

  log('building the web app (next build) …');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
      cwd: path.join(root, 'web'),
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit code ${code})`))));
  });
  await writeFile(stampPath, current);
  return 'built';
}
