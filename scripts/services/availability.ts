import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * What to do about a test that needs a real service (Redis, PostgreSQL) this machine may not have.
 * In CI (`CI=true`) a missing service is an error, so a green run always means the tests ran. Elsewhere the
 * tests are skipped with one clear line saying what was skipped and how to install the service.
 */
export interface ServiceCheck {
  /** human name, e.g. "PostgreSQL 15" */
  name: string;
  /** absolute path of the program found, or null */
  program: string | null;
  /** what a developer runs to get it */
  install: string;
}

/** True when the service can run here. Missing in CI: throws. Missing elsewhere: prints why tests are skipped. */
export function serviceAvailable(check: ServiceCheck, skipped: string): boolean {
  if (check.program) return true;
  const line = `${check.name} not found: skipping ${skipped}. Install it with: ${check.install}`;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${line} (CI=true: tests that need a service must run, not skip; .ci/run installs it)`);
  }
  console.warn(`[services] ${line}`);
  return false;
}

/** The first existing program among `candidates` (absolute paths) or on PATH (bare names). */
export function findProgram(candidates: string[]): string | null {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const candidate of candidates) {
    if (path.isAbsolute(candidate)) {
      if (existsSync(candidate)) return candidate;
      continue;
    }
    for (const dir of dirs) {
      const full = path.join(dir, candidate);
      if (existsSync(full)) return full;
    }
  }
  return null;
}
