import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, migrateDatabase, SqliteTownSaves, WAL_AUTOCHECKPOINT_PAGES, type PrismaClient } from '../src/index';

describe('SqliteTownSaves: the game server’s save connection', () => {
  let tempDir: string;
  let databaseUrl: string;
  let prisma: PrismaClient;
  let saves: SqliteTownSaves;
  let townId: string;

  beforeAll(async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-saves-'));
    databaseUrl = `file:${path.join(tempDir, 'starscape.db')}`;
    await migrateDatabase(databaseUrl);
    prisma = createPrismaClient(databaseUrl);
    const owner = await prisma.user.create({ data: { displayName: 'Saver', isGuest: true } });
    townId = (await prisma.town.create({ data: { ownerId: owner.id, name: 'Checkpoint', snapshot: '{}' } })).id;
    saves = new SqliteTownSaves(databaseUrl);
  });
  afterAll(async () => {
    saves?.close();
    await prisma?.$disconnect();
    await rm(tempDir, { recursive: true, force: true });
  });

  it('leaves the WAL to grow past SQLite’s default 1,000 pages before a checkpoint copies it into the file', () => {
    const commits = 1_500; // one page each: SQLite's default would have checkpointed (and restarted the WAL) at 1,000
    for (let version = 1; version <= commits; version++) {
      const saved = saves.save({ townId, snapshotJson: JSON.stringify({ version }), expectedVersion: version, points: null, savedAt: new Date() });
      expect(saved).toBe(true);
    }
    const reader = new Database(path.join(tempDir, 'starscape.db'));
    try {
      // a passive checkpoint reports how many frames the WAL holds (and copies them, which changes nothing here)
      const [{ log }] = reader.pragma('wal_checkpoint(PASSIVE)') as [{ busy: number; log: number; checkpointed: number }];
      expect(log).toBeGreaterThanOrEqual(commits);
      expect(log).toBeLessThanOrEqual(WAL_AUTOCHECKPOINT_PAGES + 10);
    } finally {
      reader.close();
    }
  });
});
