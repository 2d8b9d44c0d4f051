/**
 * The code under test, copied once at the start of a run: server/, shared/ and prisma/ (with its generated
 * client) into a temporary folder whose node_modules links to the repository's packages, except the
 * project's own, which point into the copy. Every server the run starts then runs the same code, even if the
 * working tree changes during a run that takes half an hour. The report names the commit and what was
 * uncommitted.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const PARTS = ['server', 'shared', 'prisma'] as const;

export interface CodeSnapshot {
  /** the copy's server/ folder: where the servers run from */
  serverDir: string;
  root: string;
  /** e.g. "a772b10" or "a772b10 with uncommitted changes in server/src/main.ts, …" */
  version: string;
}

function git(repoRoot: string, args: string[]): string {
  try {
    // only the final newline goes: a porcelain line starts with its two status columns, the first may be a space
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\n+$/, '');
  } catch {
    return '';
  }
}

/** The commit and the uncommitted changes to the code a server runs (the bench's own files left out). */
export function describeCode(repoRoot: string): string {
  const commit = git(repoRoot, ['rev-parse', '--short', 'HEAD']) || 'unknown commit';
  const changed = git(repoRoot, ['status', '--porcelain', '--', ...PARTS.map((p) => `${p}/`)])
    .split('\n')
    .map((line) => line.slice(3).trim())
    .filter((file) => file && !file.startsWith('server/bench/') && !file.startsWith('server/test/') && !/\.test\.ts$/.test(file) && !file.startsWith('prisma/test/'));
  if (changed.length === 0) return commit;
  const shown = changed.slice(0, 12).join(', ');
  return `${commit} with uncommitted changes in ${shown}${changed.length > 12 ? `, and ${changed.length - 12} more` : ''}`;
}

export async function snapshotCode(repoRoot: string): Promise<CodeSnapshot> {
  const version = describeCode(repoRoot);
  const root = await mkdtemp(path.join(os.tmpdir(), 'starscape-load-code-'));
  const skip = (src: string) => !/[/\\](node_modules|\.next|coverage)([/\\]|$)/.test(src);
  for (const part of PARTS) await cp(path.join(repoRoot, part), path.join(root, part), { recursive: true, filter: skip });
  for (const file of ['tsconfig.json', 'package.json']) await cp(path.join(repoRoot, file), path.join(root, file));
  const modules = path.join(root, 'node_modules');
  await mkdir(path.join(modules, '@starscape'), { recursive: true });
  for (const entry of await readdir(path.join(repoRoot, 'node_modules'))) {
    if (entry === '@starscape') continue;
    await symlink(path.join(repoRoot, 'node_modules', entry), path.join(modules, entry));
  }
  for (const part of PARTS) await symlink(path.join(root, part), path.join(modules, '@starscape', part));
  return { serverDir: path.join(root, 'server'), root, version };
}
