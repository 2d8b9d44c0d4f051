import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, createPrismaClient, migrateDatabase, type PrismaClient } from '../src/index';

describe('createPrismaClient', () => {
  let tempDir: string;
  let databaseUrl: string;
  let prisma: PrismaClient;

  beforeAll(async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-client-'));
    databaseUrl = `file:${path.join(tempDir, 'starscape.db')}`;
    await migrateDatabase(databaseUrl);
    prisma = createPrismaClient(databaseUrl);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await rm(tempDir, { recursive: true, force: true });
  });

  it('opens connections in WAL mode with a busy timeout and foreign keys on', async () => {
    const pragma = async (name: string) =>
      Object.values(((await prisma.$queryRawUnsafe(`PRAGMA ${name}`)) as Record<string, unknown>[])[0] ?? {})[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(Number(await pragma('busy_timeout'))).toBe(BUSY_TIMEOUT_MS);
    expect(Number(await pragma('foreign_keys'))).toBe(1);
  });

  it('reads and writes the generated models, cascading a deleted user to their towns', async () => {
    const user = await prisma.user.create({ data: { displayName: 'Ada' } });
    await prisma.town.create({ data: { ownerId: user.id, name: 'Ada Prime', snapshot: '{}' } });
    expect(await prisma.town.count({ where: { ownerId: user.id } })).toBe(1);

    await prisma.user.delete({ where: { id: user.id } });
    expect(await prisma.town.count({ where: { ownerId: user.id } })).toBe(0);
  });

  it('lets a second client (another process) write while the first has the file open', async () => {
    const other = createPrismaClient(databaseUrl);
    try {
      await Promise.all([
        prisma.user.create({ data: { displayName: 'From web' } }),
        other.user.create({ data: { displayName: 'From game' } }),
      ]);
      expect(await other.user.count({ where: { displayName: { startsWith: 'From ' } } })).toBe(2);
    } finally {
      await other.$disconnect();
    }
  });
});
