import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaEventQueue } from '../../src/persistence/PrismaEventQueue';
import { Scheduler } from '../../src/scheduler/Scheduler';
import { createSqliteTempDbs, type SqliteTempDbs } from '../persistence/sqliteTempDb';
import { manualTimers, quietLogger, waitUntil } from './support';

// Several game server processes on one database: each has its own Prisma client (its own connection) and its
// own Scheduler. Here two of each share a migrated SQLite file; the claim is what keeps them apart.

describe('Schedulers of two processes on one SQLite file', () => {
  let dbs: SqliteTempDbs;
  beforeAll(async () => {
    dbs = await createSqliteTempDbs('starscape-scheduler-');
  });
  afterAll(async () => {
    await dbs?.cleanup();
  });

  it('run each of 300 events exactly once between them', async () => {
    const { first, second, close } = await dbs.freshPair();
    try {
      const queues = [new PrismaEventQueue(first), new PrismaEventQueue(second)];
      const past = Date.now() - 60_000;
      const ids = new Set<string>();
      for (let i = 0; i < 300; i++) {
        // Spread over both clients and over the last minute, as if scheduled by both processes earlier.
        const { id } = await queues[i % 2]!.schedule({ kind: 'fleet/arrive', dueAt: new Date(past + i * 100), payload: { i } });
        ids.add(id);
      }

      const invocations = new Map<string, number>();
      const byWorker = new Map<string, number>();
      // One set of hand-fired timers for both, so their polls start at the same instant and race for the same
      // rows every round (with independent real timers the polls rarely overlap and the test would prove little).
      const { timers, fireAll } = manualTimers();
      const schedulers = queues.map((queue) => new Scheduler({ queue, logger: quietLogger, timers, maxConcurrent: 8 }));
      for (const scheduler of schedulers) {
        scheduler.on('fleet/arrive', async (event) => {
          invocations.set(event.id, (invocations.get(event.id) ?? 0) + 1);
          byWorker.set(scheduler.workerId, (byWorker.get(scheduler.workerId) ?? 0) + 1);
          // Yield for a moment so the two processes' claims and completions interleave.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
        });
        scheduler.start();
      }

      await waitUntil(async () => {
        fireAll();
        return invocations.size === 300 && (await queues[0]!.pendingCount()) === 0;
      }, 30_000);
      await Promise.all(schedulers.map((scheduler) => scheduler.stop()));

      expect(new Set(invocations.keys())).toEqual(ids);
      expect([...invocations.values()].every((count) => count === 1)).toBe(true);
      expect([...byWorker.values()].reduce((a, b) => a + b, 0)).toBe(300);
      // Both processes did part of the work: the exclusivity above was tested under real contention.
      expect(byWorker.size).toBe(2);
      const done = await first.scheduledEvent.count({ where: { status: 'done' } });
      expect(done).toBe(300);
    } finally {
      await close();
    }
  });

  it('after a restart, runs what fell due meanwhile and takes over what the crashed process had claimed', async () => {
    const { first, second, close } = await dbs.freshPair();
    try {
      const crashed = new PrismaEventQueue(first);
      const now = Date.now();
      // Claimed by a process that died before finishing (short lease so the test need not wait long)...
      for (let i = 0; i < 3; i++) await crashed.schedule({ kind: 'fleet/return', dueAt: new Date(now - 5_000), payload: { claimed: i } });
      expect(await crashed.claimDue(new Date(now), { workerId: 'crashed-process', limit: 10, leaseMs: 1_000 })).toHaveLength(3);
      // ...and due while no process ran at all.
      for (let i = 0; i < 3; i++) await crashed.schedule({ kind: 'fleet/return', dueAt: new Date(now - 1_000), payload: { missed: i } });

      const queue = new PrismaEventQueue(second);
      const seen: unknown[] = [];
      const restarted = new Scheduler({ queue, logger: quietLogger, pollMs: 10 });
      restarted.on('fleet/return', async (event) => void seen.push(event.payload));
      restarted.start();

      await waitUntil(() => seen.length === 3, 5_000);
      expect(seen).toEqual(expect.arrayContaining([{ missed: 0 }, { missed: 1 }, { missed: 2 }]));
      await waitUntil(() => seen.length === 6, 5_000);
      await restarted.stop();
      expect(seen.slice(3)).toEqual(expect.arrayContaining([{ claimed: 0 }, { claimed: 1 }, { claimed: 2 }]));
      expect(await second.scheduledEvent.count({ where: { status: 'done' } })).toBe(6);
    } finally {
      await close();
    }
  });
});
