import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAvailable } from '../../scripts/services/availability';
import { postgresCheck, startPostgres, type LocalPostgres } from '../../scripts/services/postgres';
import { BUSY_TIMEOUT_MS, createPrismaClient, migrateDatabase, Prisma, WAL_AUTOCHECKPOINT_PAGES, type PrismaClient } from '../src/index';

describe('createPrismaClient: which database', () => {
  it('refuses URLs that are neither a SQLite file nor PostgreSQL, naming the accepted forms', () => {
    for (const bad of ['mysql://localhost/starscape', 'sqlserver://localhost', './data/starscape.db', 'sqlite:./x.db', '']) {
      expect(() => createPrismaClient(bad)).toThrow(/file:<path>[\s\S]*postgresql:\/\//);
    }
  });

  it('refuses a SQLite URL with query parameters, and a PostgreSQL one with a schema or a bad pool size', () => {
    expect(() => createPrismaClient('file:./x.db?mode=ro')).toThrow(/query parameters/);
    expect(() => createPrismaClient('postgresql://localhost/db?schema=game')).toThrow(/schema/);
    expect(() => createPrismaClient('postgresql://localhost/db?connection_limit=none')).toThrow(/connection_limit/);
    expect(() => createPrismaClient('postgresql://localhost/db', { poolSize: 0 })).toThrow(/poolSize/);
  });

  it('makes a PostgreSQL client for postgres:// and postgresql:// URLs without connecting yet', async () => {
    for (const url of ['postgresql://nobody@127.0.0.1:1/none', 'postgres://nobody@127.0.0.1:1/none?connection_limit=2']) {
      const client = createPrismaClient(url);
      expect(typeof client.town.findMany).toBe('function');
      await client.$disconnect();
    }
  });
});

/** What every database must do for the web app and the game server, whichever the URL names. */
function describeClient(name: string, open: () => Promise<{ url: string; close(): Promise<void> }>, skip = false) {
  describe.skipIf(skip)(`createPrismaClient: ${name}`, () => {
    let database: { url: string; close(): Promise<void> };
    let prisma: PrismaClient;

    beforeAll(async () => {
      database = await open();
      await migrateDatabase(database.url);
      prisma = createPrismaClient(database.url);
    });
    afterAll(async () => {
      await prisma?.$disconnect();
      await database?.close();
    });

    it('reads and writes the generated models, cascading a deleted user to their towns', async () => {
      const user = await prisma.user.create({ data: { displayName: 'Ada' } });
      await prisma.town.create({ data: { ownerId: user.id, name: 'Ada Prime', snapshot: '{}' } });
      expect(await prisma.town.count({ where: { ownerId: user.id } })).toBe(1);

      await prisma.user.delete({ where: { id: user.id } });
      expect(await prisma.town.count({ where: { ownerId: user.id } })).toBe(0);
    });

    it('reports a unique violation as the exported Prisma error class with code P2002', async () => {
      await prisma.user.create({ data: { displayName: 'First', email: 'same@example.com' } });
      const error = await prisma.user.create({ data: { displayName: 'Second', email: 'same@example.com' } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      expect((error as { code: string }).code).toBe('P2002');
    });

    it('keeps DateTime to the millisecond and strings byte for byte', async () => {
      const createdAt = new Date(Date.UTC(2030, 0, 2, 3, 4, 5, 678));
      const name = 'Ünïcødé 🚀 "quoted" \\ back';
      const user = await prisma.user.create({ data: { displayName: name, createdAt } });
      expect(await prisma.user.findUnique({ where: { id: user.id }, select: { displayName: true, createdAt: true } })).toEqual({
        displayName: name,
        createdAt,
      });
    });

    it('lets a second client (another process) write while the first has the database open', async () => {
      const other = createPrismaClient(database.url);
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
}

describeClient('SQLite', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'starscape-client-'));
  return { url: `file:${path.join(dir, 'starscape.db')}`, close: () => rm(dir, { recursive: true, force: true }) };
});

describeClient(
  'PostgreSQL',
  async () => {
    const server: LocalPostgres = await startPostgres();
    return { url: server.url, close: () => server.stop() };
  },
  !serviceAvailable(postgresCheck(), 'the PostgreSQL client tests'),
);

describe('createPrismaClient: SQLite connection settings', () => {
  let tempDir: string;
  let prisma: PrismaClient;

  beforeAll(async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-client-'));
    const databaseUrl = `file:${path.join(tempDir, 'starscape.db')}`;
    await migrateDatabase(databaseUrl);
    prisma = createPrismaClient(databaseUrl);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await rm(tempDir, { recursive: true, force: true });
  });

  it('opens connections in WAL mode with a busy timeout, a large checkpoint threshold and foreign keys on', async () => {
    const pragma = async (name: string) =>
      Object.values(((await prisma.$queryRawUnsafe(`PRAGMA ${name}`)) as Record<string, unknown>[])[0] ?? {})[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(Number(await pragma('busy_timeout'))).toBe(BUSY_TIMEOUT_MS);
    expect(Number(await pragma('wal_autocheckpoint'))).toBe(WAL_AUTOCHECKPOINT_PAGES);
    expect(Number(await pragma('foreign_keys'))).toBe(1);
  });
});
