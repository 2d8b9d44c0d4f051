import { createPrismaClient, type PrismaClient } from '@starscape/prisma';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consumeAttempt } from './rateLimits';
import { postgresTestDb, postgresTestsAvailable, sqliteTestDb, type OpenTestDatabase, type TestDatabase } from './testDatabases';

vi.mock('server-only', () => ({}));

const RULE = { max: 5, windowMs: 60_000 };
const T0 = Date.UTC(2026, 0, 1);

/** The same checks on each database, with two clients on it as two web processes would have. */
function describeRateLimits(name: string, open: OpenTestDatabase, skip = false) {
  describe.skipIf(skip)(`rate limits: ${name}`, () => {
    let database: TestDatabase;
    const db = {} as { first: PrismaClient; second: PrismaClient };
    beforeAll(async () => {
      database = await open();
      db.first = createPrismaClient(database.url);
      db.second = createPrismaClient(database.url);
    });
    afterAll(async () => {
      await Promise.all([db.first?.$disconnect(), db.second?.$disconnect()]);
      await database?.close();
    });

    it('allows max attempts per window, then refuses until the window ends', async () => {
      const results = [];
      for (let i = 0; i < RULE.max + 2; i++) results.push(await consumeAttempt(db.first, 'serial', RULE, T0 + i));
      expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false, false]);
      expect(results.at(-1)).toMatchObject({ retryAfterMs: RULE.windowMs - (RULE.max + 1) });
      expect((await consumeAttempt(db.first, 'serial', RULE, T0 + RULE.windowMs)).allowed).toBe(true);
    });

    it('lets exactly max of many concurrent attempts from two processes through', async () => {
      const attempts = Array.from({ length: 24 }, (_, i) => consumeAttempt(i % 2 ? db.first : db.second, 'flood', RULE, T0 + 1));
      const results = await Promise.allSettled(attempts);
      const errors = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
      expect(errors).toEqual([]);
      expect(results.filter((r) => r.status === 'fulfilled' && r.value.allowed)).toHaveLength(RULE.max);
      expect(await db.first.rateLimit.findUnique({ where: { key: 'flood' }, select: { count: true } })).toEqual({ count: RULE.max });
    });
  });
}

describeRateLimits('sqlite', sqliteTestDb('starscape-web-ratelimits-'));
describeRateLimits('postgresql', postgresTestDb, !postgresTestsAvailable('the PostgreSQL rate limit tests'));
