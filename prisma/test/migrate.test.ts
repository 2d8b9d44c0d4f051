import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAvailable } from '../../scripts/services/availability';
import { postgresCheck, startPostgres, type LocalPostgres } from '../../scripts/services/postgres';
import { migrateDatabase } from '../src/migrate';
import { MIGRATION_LOCK_FILE, POSTGRES_MIGRATION_LOCK, SQLITE_MIGRATION_LOCK } from '../src/migrationsFolder';
import { migrationsDir, postgresMigrationsDir, schemaPath } from '../src/paths';
import { derivePostgresSchema } from '../src/postgresSchema';
import { pendingSchemaChanges } from '../src/schemaDiff';

let tempDir: string;
let committed: string[];
let committedPostgres: string[];

const migrationNames = async (dir: string) =>
  (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

beforeAll(async () => {
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-migrate-'));
  committed = await migrationNames(migrationsDir);
  committedPostgres = await migrationNames(postgresMigrationsDir);
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

  it('refuses URLs of databases it does not know, naming the accepted forms', async () => {
    await expect(migrateDatabase('mysql://localhost/starscape')).rejects.toThrow(/file:<path>[\s\S]*postgresql:\/\//);
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
  it('are in sync with schema.prisma (nothing left to diff), for SQLite', async () => {
    expect(await pendingSchemaChanges()).toBeNull();
  });

  it('come with a SQLite migration_lock.toml, and a PostgreSQL one for PostgreSQL', async () => {
    expect(await readFile(path.join(migrationsDir, MIGRATION_LOCK_FILE), 'utf8')).toContain('provider = "sqlite"');
    expect(await readFile(path.join(postgresMigrationsDir, MIGRATION_LOCK_FILE), 'utf8')).toBe(POSTGRES_MIGRATION_LOCK);
  });

  it('are written for both providers from the PostgreSQL init on: the same names after it in both folders', () => {
    // PostgreSQL starts with one migration for the whole schema as it was; every later one exists for both.
    const [init, ...later] = committedPostgres;
    expect(init).toMatch(/^\d{14}_init$/);
    expect(committed.filter((name) => name > init!)).toEqual(later);
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

/** Applies committed or given migrations to a PostgreSQL database and looks at the result with pg. */
describe.skipIf(!serviceAvailable(postgresCheck(), 'the PostgreSQL migrate tests'))('migrateDatabase on PostgreSQL', () => {
  let server: LocalPostgres;
  let databases = 0;
  const freshDatabase = () => server.createDatabase(`migrate_${databases++}`);
  const query = async <T,>(url: string, sql: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const tables = async (url: string) =>
    (await query<{ name: string }>(url, "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map((row) => row.name);

  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('applies every committed PostgreSQL migration and records them', async () => {
    const url = await freshDatabase();
    expect(committedPostgres.length).toBeGreaterThan(0);
    expect(await migrateDatabase(url)).toEqual({ applied: committedPostgres });
    expect(await tables(url)).toEqual(
      expect.arrayContaining(['User', 'Session', 'Town', 'RateLimit', 'ScheduledEvent', 'Battle', 'ChatMessage', 'Mute', '_prisma_migrations']),
    );
    const recorded = await query<{ migration_name: string; finished_at: Date | null }>(url, 'SELECT migration_name, finished_at FROM _prisma_migrations');
    expect(recorded.map((row) => row.migration_name).sort()).toEqual(committedPostgres);
    expect(recorded.every((row) => row.finished_at !== null)).toBe(true);
  });

  it('is safe to re-run: nothing applied, data kept', async () => {
    const url = await freshDatabase();
    await migrateDatabase(url);
    await query(url, `INSERT INTO "User" (id, "displayName", "updatedAt") VALUES ('u1', 'Kept', now())`);
    expect(await migrateDatabase(url)).toEqual({ applied: [] });
    expect(await query(url, 'SELECT "displayName" FROM "User"')).toEqual([{ displayName: 'Kept' }]);
  });

  it('applies once when called concurrently, in one process and through separate engines (the advisory lock)', async () => {
    const url = await freshDatabase();
    // Differently spelled URLs of one database get separate engines, as two processes would.
    const spellings = [url, url, url.replace('postgresql://', 'postgres://'), `${url}?application_name=second`];
    const results = await Promise.all(spellings.map((spelling) => migrateDatabase(spelling)));
    expect(results.flatMap((result) => result.applied)).toEqual(committedPostgres);
  });

  it('needs the database to exist, and says which one is missing', async () => {
    const missing = server.url.replace(/\/starscape$/, '/no_such_database');
    await expect(migrateDatabase(missing)).rejects.toThrow(/no_such_database/);
  });

  it("reports a broken migration with the database's own message", async () => {
    const brokenDir = path.join(tempDir, 'broken-postgres-migrations');
    await mkdir(path.join(brokenDir, '20250101000000_broken'), { recursive: true });
    await writeFile(path.join(brokenDir, MIGRATION_LOCK_FILE), POSTGRES_MIGRATION_LOCK);
    await writeFile(path.join(brokenDir, '20250101000000_broken', 'migration.sql'), 'CREATE TABLO "Nope" ();');
    const attempt = migrateDatabase(await freshDatabase(), { migrationsDir: brokenDir });
    await expect(attempt).rejects.toThrow(/syntax error[\s\S]*20250101000000_broken/);
  });

  it('committed migrations are in sync with prisma/postgres/schema.prisma (nothing left to diff)', async () => {
    expect(await pendingSchemaChanges({ scratchDatabaseUrl: await freshDatabase() })).toBeNull();
  });

  it('would report a schema change as PostgreSQL SQL (the check is not vacuous)', async () => {
    const changed = path.join(tempDir, 'changed-postgres.prisma');
    const source = await readFile(schemaPath, 'utf8');
    await writeFile(changed, derivePostgresSchema(`${source}\nmodel Banner {\n  id   String   @id\n  at   DateTime\n}\n`));
    const sql = await pendingSchemaChanges({ scratchDatabaseUrl: await freshDatabase(), schemaPath: changed });
    expect(sql).toMatch(/CREATE TABLE "Banner"[\s\S]*TIMESTAMP\(3\)/);
    expect(sql).not.toMatch(/CREATE TABLE "Town"/);
  });
});
