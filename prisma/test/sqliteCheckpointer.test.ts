import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay, setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPrismaClient, migrateDatabase, SqliteTownSaves, WAL_AUTOCHECKPOINT_PAGES, type PrismaClient } from '../src/index';
import { openServerDatabase, SqliteCheckpointer, WAL_BACKSTOP_PAGES, type ServerDatabase } from '../src/server';

/** Frames the WAL holds now, asked through a connection of its own (a passive checkpoint reports it). */
function walFrames(file: string): { log: number; checkpointed: number } {
  const reader = new Database(file);
  try {
    const [row] = reader.pragma('wal_checkpoint(PASSIVE)') as [{ busy: number; log: number; checkpointed: number }];
    return row;
  } finally {
    reader.close();
  }
}

describe('SqliteCheckpointer: the WAL copied into the file from a worker thread', () => {
  let tempDir: string;
  let file: string;
  let databaseUrl: string;
  let setup: PrismaClient;
  const townIds: string[] = [];
  const versions = new Map<string, number>();
  let opened: ServerDatabase[] = [];

  beforeAll(async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-checkpoints-'));
    file = path.join(tempDir, 'starscape.db');
    databaseUrl = `file:${file}`;
    await migrateDatabase(databaseUrl);
    setup = createPrismaClient(databaseUrl);
    const owner = await setup.user.create({ data: { displayName: 'Checkpoints', isGuest: true } });
    for (let i = 0; i < 20; i++) {
      const town = await setup.town.create({ data: { ownerId: owner.id, name: `Town ${i}`, snapshot: '{}' } });
      townIds.push(town.id);
      versions.set(town.id, town.version);
    }
  });
  afterEach(async () => {
    for (const database of opened) await database.close();
    opened = [];
  });
  afterAll(async () => {
    await setup?.$disconnect();
    await rm(tempDir, { recursive: true, force: true });
  });

  const open = (options?: Parameters<typeof openServerDatabase>[1]) => {
    const database = openServerDatabase(databaseUrl, options);
    opened.push(database);
    return database;
  };

  /** `count` saves, one commit each (a page of the WAL each), spread over the towns. */
  async function save(saves: SqliteTownSaves, count: number, perCommit = 1): Promise<void> {
    for (let done = 0; done < count; done += perCommit) {
      const rows = townIds.slice(0, perCommit).map((townId) => {
        const version = versions.get(townId)!;
        versions.set(townId, version + 1);
        return { townId, snapshotJson: JSON.stringify({ version, pad: 'x'.repeat(200) }), expectedVersion: version, points: null, savedAt: new Date() };
      });
      expect((await saves.saveMany(rows)).every(Boolean)).toBe(true);
    }
  }

  it("leaves the copy to the worker: the server's own commits do not checkpoint, even far past SQLite's usual size", async () => {
    const database = open();
    await database.checkpointer!.close(); // to see what the server's connections do alone
    const saves = database.townSaves as SqliteTownSaves;
    const commits = WAL_AUTOCHECKPOINT_PAGES + 2_000; // a connection with the usual setting would have copied at 10,000
    await save(saves, commits);
    await database.prisma.user.update({ where: { id: (await database.prisma.user.findFirstOrThrow()).id }, data: { displayName: 'Still here' } });
    expect(walFrames(file).log).toBeGreaterThanOrEqual(commits); // (the reader's checkpoint copies them)

    const checkpointer = SqliteCheckpointer.start(databaseUrl, { everyMs: 60_000, finish: () => saves.checkpoint() });
    try {
      await save(saves, 1); // the WAL starts again
      await save(saves, 500);
      const stats = await checkpointer.checkpointNow();
      expect(stats).toMatchObject({ runs: 1, complete: 1, failures: 0 });
      expect(stats.walPages).toBeGreaterThanOrEqual(500);
      // copied whole, so the next write starts the WAL again from its beginning
      await save(saves, 1);
      expect(walFrames(file).log).toBeLessThan(10);
    } finally {
      await checkpointer.close();
    }
  });

  it('keeps the WAL small while the server writes all along (and has a Prisma connection open), a round every few milliseconds', async () => {
    /** 20 saves per commit, as the autosave queue writes, one after the other as fast as the loop turns */
    const write = async (saves: SqliteTownSaves, commits: number) => {
      for (let i = 1; i <= commits; i++) {
        await save(saves, 20, 20);
        await nextTurn();
      }
    };
    // first without a checkpointer: how many frames those commits write
    const unchecked = new SqliteTownSaves(databaseUrl, { walAutocheckpointPages: WAL_BACKSTOP_PAGES });
    await write(unchecked, 1_000);
    unchecked.close();
    const framesWritten = walFrames(file).log; // (which also copies them all, so that the next write starts the WAL again)

    const saves = new SqliteTownSaves(databaseUrl, { walAutocheckpointPages: WAL_BACKSTOP_PAGES });
    const checkpointer = SqliteCheckpointer.start(databaseUrl, { everyMs: 5, finish: () => saves.checkpoint() });
    try {
      await save(saves, 1);
      await checkpointer.checkpointNow(); // the worker is up
      await write(saves, 1_000);
      const stats = checkpointer.stats();
      expect(stats.runs).toBeGreaterThan(10);
      expect(stats.complete).toBeGreaterThan(0);
      expect(stats.failures).toBe(0);
      // copied and started again all along, the WAL never held more than a part of what the commits wrote
      expect(stats.walPagesMax).toBeLessThan(framesWritten / 4);
    } finally {
      await checkpointer.close();
      saves.close();
    }
  });

  it('runs on its own schedule, and says when the WAL grows past what it should hold', async () => {
    const behind = vi.fn<(message: string, fields: Record<string, unknown> & { walPages?: number }) => void>();
    const database = open();
    const checkpointer = SqliteCheckpointer.start(databaseUrl, { everyMs: 20, behindPages: 100, onBehind: behind });
    try {
      await save(database.townSaves as SqliteTownSaves, 300);
      await vi.waitFor(() => expect(checkpointer.stats().runs).toBeGreaterThan(0), { timeout: 5_000 });
      await vi.waitFor(() => expect(behind).toHaveBeenCalledTimes(1), { timeout: 5_000 });
      const [message, fields] = behind.mock.calls[0]!;
      expect(message).toMatch(/not keeping up/);
      expect(fields).toMatchObject({ behindPages: 100, walPages: expect.any(Number) });
      expect(fields.walPages).toBeGreaterThan(100);
      expect(checkpointer.stats().failures).toBe(0);
    } finally {
      await checkpointer.close();
    }
  });

  it('closes: the worker exits and takes no more work', async () => {
    const checkpointer = SqliteCheckpointer.start(databaseUrl, { everyMs: 10_000 });
    await checkpointer.checkpointNow();
    await checkpointer.close();
    await checkpointer.close(); // twice is fine
    await expect(checkpointer.checkpointNow()).rejects.toThrow(/closed/);
  });

  it('with a count of pages written, runs a round only once enough were written since the last', async () => {
    const saves = new SqliteTownSaves(databaseUrl, { walAutocheckpointPages: WAL_BACKSTOP_PAGES });
    const checkpointer = SqliteCheckpointer.start(databaseUrl, { everyMs: 10, writtenPages: () => saves.rowsSaved, roundPages: 200, finish: () => saves.checkpoint() });
    try {
      await save(saves, 150);
      await delay(150); // fifteen looks
      expect(checkpointer.stats().runs).toBe(0);
      await save(saves, 60);
      await vi.waitFor(() => expect(checkpointer.stats().runs).toBe(1), { timeout: 5_000 });
      expect(checkpointer.stats().walPages).toBeGreaterThanOrEqual(210);
      await delay(150);
      expect(checkpointer.stats().runs).toBe(1); // nothing written since
    } finally {
      await checkpointer.close();
      saves.close();
    }
  });

  it('says so when its worker dies, and still closes', async () => {
    const told = vi.fn();
    const checkpointer = SqliteCheckpointer.start(databaseUrl, { everyMs: 60_000, onBehind: told });
    await checkpointer.checkpointNow();
    // the worker thread ends without being asked (as a crash in it would)
    await (checkpointer as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await vi.waitFor(() => expect(told).toHaveBeenCalledWith(expect.stringMatching(/worker stopped/), expect.objectContaining({ why: expect.any(String) })));
    const stats = await checkpointer.checkpointNow(); // answered at once, as a failure
    expect(stats.failures).toBe(1);
    await checkpointer.close();
  });

  it('refuses settings that make no sense, before starting anything', () => {
    expect(() => SqliteCheckpointer.start(databaseUrl, { everyMs: 0 })).toThrow(RangeError);
    expect(() => SqliteCheckpointer.start(databaseUrl, { roundPages: 0.5 })).toThrow(/roundPages/);
    expect(() => new SqliteTownSaves(databaseUrl, { walAutocheckpointPages: 0 })).toThrow(/walAutocheckpointPages/);
    expect(() => createPrismaClient(databaseUrl, { walAutocheckpointPages: 1.5 })).toThrow(/walAutocheckpointPages/);
  });
});
