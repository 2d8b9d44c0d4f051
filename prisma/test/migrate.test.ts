import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../src/migrate';
import { MIGRATION_LOCK_FILE, SQLITE_MIGRATION_LOCK } from '../src/migrationsFolder';
import { migrationsDir, schemaPath } from '../src/paths';
import { pendingSchemaChanges } from '../src/schemaDiff';

let tempDir: string;
let committed: string[];

beforeAll(async () => {
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-migrate-'));
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  committed = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
});
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

function tablesIn(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    return (rows as { name: string }[]).map((row) => row.name);
  } finally {
    db.close();
  }
}

describe('migrateDatabase', () => {
  it('creates the file and its missing folders, applies every committed migration, and records them', async () => {
    const file = path.join(tempDir, 'fresh', 'nested', 'starscape.db');
    const { applied } = await migrateDatabase(`file:${file}`);

    expect(committed.length).toBeGreaterThan(0);
    expect(applied).toEqual(committed);
    expect(tablesIn(file)).toEqual(
      expect.arrayContaining(['User', 'Session', 'Town', 'RateLimit', '_prisma_migrations']),
    );
    const db = new Database(file, { readonly: true });
    const recorded = db.prepare('SELECT migration_name, finished_at FROM _prisma_migrations').all();
    db.close();
    expect(recorded).toHaveLength(committed.length);
    expect(recorded.every((row) => (row as { finished_at: unknown }).finished_at !== null)).toBe(true);
  });

  it('is safe to re-run: a migrated database gets nothing applied and keeps its data', async () => {
    const file = path.join(tempDir, 'rerun.db');
    await migrateDatabase(`file:${file}`);
    const db = new Database(file);
    db.prepare("INSERT INTO User (id, displayName, updatedAt) VALUES ('u1', 'Kept', '2025-01-01T00:00:00+00:00')").run();
    db.close();

    expect(await migrateDatabase(`file:${file}`)).toEqual({ applied: [] });
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT displayName FROM User').all()).toEqual([{ displayName: 'Kept' }]);
    check.close();
  });

  it('applies once when called concurrently in one process', async () => {
    const url = `file:${path.join(tempDir, 'concurrent.db')}`;
    const results = await Promise.all([migrateDatabase(url), migrateDatabase(url), migrateDatabase(url)]);
    expect(results.flatMap((result) => result.applied)).toEqual(committed);
  });

  it('accepts a file: URL relative to the working directory', async () => {
    const relative = path.relative(process.cwd(), path.join(tempDir, 'relative.db'));
    expect((await migrateDatabase(`file:./${relative}`)).applied).toEqual(committed);
    expect(tablesIn(path.join(tempDir, 'relative.db'))).toContain('Town');
  });

  it('refuses URLs that are not SQLite files', async () => {
    await expect(migrateDatabase('postgresql://localhost/starscape')).rejects.toThrow(/file:/);
  });

  it("reports a broken migration with the driver's own message", async () => {
    const brokenDir = path.join(tempDir, 'broken-migrations');
    await mkdir(path.join(brokenDir, '20250101000000_broken'), { recursive: true });
    await writeFile(path.join(brokenDir, MIGRATION_LOCK_FILE), SQLITE_MIGRATION_LOCK);
    await writeFile(path.join(brokenDir, '20250101000000_broken', 'migration.sql'), 'CREATE TABLO "Nope" ();');

    const attempt = migrateDatabase(`file:${path.join(tempDir, 'broken.db')}`, { migrationsDir: brokenDir });
    await expect(attempt).rejects.toThrow(/syntax error[\s\S]*20250101000000_broken/);
  });
});

describe('committed migrations', () => {
  it('are in sync with schema.prisma (nothing left to diff)', async () => {
    expect(await pendingSchemaChanges()).toBeNull();
  });

  it('come with a SQLite migration_lock.toml', async () => {
    expect(await readFile(path.join(migrationsDir, MIGRATION_LOCK_FILE), 'utf8')).toContain('provider = "sqlite"');
  });

  it('would be reported out of sync after a schema change (the check is not vacuous)', async () => {
    const changed = path.join(tempDir, 'changed.prisma');
    const schema = await readFile(schemaPath, 'utf8');
    await writeFile(changed, `${schema}\nmodel Banner {\n  id   String @id\n  text String\n}\n`);

    const sql = await pendingSchemaChanges({ schemaPath: changed });
    expect(sql).toMatch(/CREATE TABLE "Banner"/);
    expect(sql).not.toMatch(/CREATE TABLE "Town"/);
  });
});
