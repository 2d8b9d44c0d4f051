import { createPrismaClient, type PrismaClient } from '@starscape/prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRepository } from '../../src/persistence/ChatRepository';
import { MemoryChatRepository } from '../../src/persistence/MemoryChatRepository';
import { PrismaChatRepository } from '../../src/persistence/PrismaChatRepository';
import { createPostgresTempDbs, postgresAvailable } from './postgresTempDb';
import { createSqliteTempDbs, type SqliteTempDbs } from './sqliteTempDb';

const T0 = Date.UTC(2026, 10, 25);

/** The behaviour every ChatRepository must have; `users` gives ids of existing accounts (SQL needs real rows). */
function describeChatRepositoryContract(name: string, make: () => Promise<{ repo: ChatRepository; users: (n: number) => Promise<string[]> }>) {
  describe(`ChatRepository contract: ${name}`, () => {
    it('keeps each channel apart and gives back its last messages, oldest first', async () => {
      const { repo, users } = await make();
      const [author] = await users(1);
      const channel = `sector:${Math.random()}`;
      for (let i = 0; i < 8; i++) await repo.append(channel, { channel: 'sector', authorId: author!, authorName: 'Nova', text: `line ${i}`, sentAt: T0 + i * 1000 });
      await repo.append(`${channel}-other`, { channel: 'sector', authorId: author!, authorName: 'Nova', text: 'elsewhere', sentAt: T0 + 99_000 });
      const recent = await repo.recent(channel, 3);
      expect(recent.map((l) => l.text)).toEqual(['line 5', 'line 6', 'line 7']);
      expect(recent[2]).toMatchObject({ channel: 'sector', authorId: author, authorName: 'Nova', sentAt: T0 + 7000 });
      expect(new Set(recent.map((l) => l.id)).size).toBe(3);
      expect(await repo.recent('nobody-here', 50)).toEqual([]);
      const stored = await repo.append('galaxy', { channel: 'galaxy', authorId: author!, authorName: 'Nova', text: 'hi <b>all</b> 🚀', sentAt: T0 });
      expect((await repo.recent('galaxy', 50)).at(-1)).toEqual(stored);
    });

    it('stores mutes per player, idempotently', async () => {
      const { repo, users } = await make();
      const [me, a, b] = await users(3);
      expect(await repo.mutes(me!)).toEqual([]);
      await repo.setMute(me!, b!, true);
      expect(await repo.setMute(me!, a!, true)).toEqual([a, b].sort());
      expect(await repo.setMute(me!, a!, true)).toEqual([a, b].sort());
      expect(await repo.setMute(me!, a!, false)).toEqual([b]);
      expect(await repo.setMute(me!, a!, false)).toEqual([b]);
      expect(await repo.mutes(a!)).toEqual([]);
    });
  });
}

let counter = 0;
describeChatRepositoryContract('memory', async () => ({ repo: new MemoryChatRepository(), users: async (n) => Array.from({ length: n }, () => `user-${++counter}`) }));

describeSqlBlock('SQLite (Prisma, migrated temp file)', 'sqlite', () => createSqliteTempDbs('starscape-chat-'));

describeSqlBlock('PostgreSQL (Prisma, throwaway server)', 'postgresql', createPostgresTempDbs, {
  skip: !postgresAvailable('the PostgreSQL chat repository contract'),
});

/** The contract and what only a SQL database with accounts has, on one migrated database. */
function describeSqlBlock(title: string, name: string, open: () => Promise<SqliteTempDbs>, { skip = false } = {}) {
  describe.skipIf(skip)(title, () => {
    let dbs: SqliteTempDbs;
    let prisma: PrismaClient;
    beforeAll(async () => {
      dbs = await open();
      prisma = createPrismaClient((await dbs.fresh()).databaseUrl);
    });
    afterAll(async () => {
      await prisma?.$disconnect();
      await dbs?.cleanup();
    });

    describeChatRepositoryContract(name, async () => ({
      repo: new PrismaChatRepository(prisma),
      users: async (n) => Promise.all(Array.from({ length: n }, async () => (await prisma.user.create({ data: { displayName: 'Chatter', isGuest: true } })).id)),
    }));

    it('drops a deleted account’s messages and mutes with it', async () => {
      const repo = new PrismaChatRepository(prisma);
      const gone = (await prisma.user.create({ data: { displayName: 'Gone', isGuest: true } })).id;
      const me = (await prisma.user.create({ data: { displayName: 'Me', isGuest: true } })).id;
      await repo.append('sector:77', { channel: 'sector', authorId: gone, authorName: 'Gone', text: 'bye', sentAt: T0 });
      await repo.setMute(me, gone, true);
      await prisma.user.delete({ where: { id: gone } });
      expect(await repo.recent('sector:77', 10)).toEqual([]);
      expect(await repo.mutes(me)).toEqual([]);
    });
  });
}
