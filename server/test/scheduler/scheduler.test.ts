import { describe, expect, it } from 'vitest';
import type { ClaimedEvent, EventQueue } from '../../src/persistence/EventQueue';
import { MemoryEventQueue } from '../../src/persistence/MemoryEventQueue';
import { Scheduler, type SchedulerOptions } from '../../src/scheduler/Scheduler';
import { deferred, isSettled, manualClock, manualTimers, quietLogger, waitUntil } from './support';

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);

/** A scheduler on a memory queue; the clock is the test's, timers are real unless given. */
function setup(options: Partial<SchedulerOptions> = {}) {
  const clock = manualClock(T0);
  const queue = options.queue ?? new MemoryEventQueue({ now: clock.now });
  const scheduler = new Scheduler({ queue, logger: quietLogger, now: clock.now, pollMs: 10, ...options });
  const runs: ClaimedEvent[] = [];
  return { clock, queue, scheduler, runs };
}

describe('Scheduler', () => {
  it('runs each event once when it falls due, and not before', async () => {
    const { clock, queue, scheduler, runs } = setup();
    scheduler.on('fleet/arrive', async (event) => void runs.push(event));
    const ids = await Promise.all([1, 2, 3].map((i) => queue.schedule({ kind: 'fleet/arrive', dueAt: at(1_000), payload: { i } })));

    expect(await scheduler.pollOnce()).toBe(0);
    clock.set(T0 + 1_000);
    expect(await scheduler.pollOnce()).toBe(3);
    await scheduler.idle();
    expect(await scheduler.pollOnce()).toBe(0);
    clock.advance(3_600_000);
    expect(await scheduler.pollOnce()).toBe(0);

    // Same due time: any order, each once.
    expect(runs.map((event) => event.payload)).toEqual(expect.arrayContaining([{ i: 1 }, { i: 2 }, { i: 3 }]));
    expect(runs).toHaveLength(3);
    for (const { id } of ids) expect(await queue.get(id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('runs events that fell due while no server was running as soon as it starts', async () => {
    const { clock, queue, scheduler, runs } = setup({ pollMs: 60_000 });
    await queue.schedule({ kind: 'fleet/return', dueAt: at(-3_600_000), payload: 'an hour ago' });
    await queue.schedule({ kind: 'fleet/return', dueAt: at(-60_000), payload: 'a minute ago' });
    scheduler.on('fleet/return', async (event) => void runs.push(event));

    scheduler.start();
    await waitUntil(() => runs.length === 2);
    await scheduler.stop();
    expect(runs.map((event) => event.payload)).toEqual(['an hour ago', 'a minute ago']);
  });

  it('picks up an event scheduled while it is running', async () => {
    const { queue, scheduler, runs } = setup();
    scheduler.on('k', async (event) => void runs.push(event));
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toEqual([]);

    const { id } = await queue.schedule({ kind: 'k', dueAt: at(0), payload: 'late' });
    await waitUntil(() => runs.length === 1);
    await scheduler.stop();
    expect(runs[0]?.id).toBe(id);
  });

  it('polls at once when woken, instead of waiting for the next interval', async () => {
    const { queue, scheduler, runs } = setup({ pollMs: 60_000 });
    scheduler.on('k', async (event) => void runs.push(event));
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 20)); // the first poll found nothing
    await queue.schedule({ kind: 'k', dueAt: at(0), payload: 'now' });
    scheduler.wake();
    await waitUntil(() => runs.length === 1, 2_000);
    await scheduler.stop();
  });

  it('polls again every pollMs, through the injected timers', async () => {
    const { timers, delays, fireAll } = manualTimers();
    const { queue, scheduler, runs } = setup({ timers, pollMs: 500 });
    scheduler.on('k', async (event) => void runs.push(event));

    scheduler.start();
    expect(delays()).toEqual([0]); // the first poll comes at once
    fireAll();
    await waitUntil(() => delays().length === 1);
    expect(delays()).toEqual([500]);

    await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
    expect(runs).toEqual([]); // nothing polls until the timer fires
    fireAll();
    await waitUntil(() => runs.length === 1);
    await scheduler.stop();
    expect(delays()).toEqual([]);
  });

  it('with an idlePollMs, sleeps until the next event falls due, at least pollMs and at most idlePollMs', async () => {
    const { timers, delays, fireAll } = manualTimers();
    const { clock, queue, scheduler, runs } = setup({ timers, pollMs: 500, idlePollMs: 10_000 });
    scheduler.on('k', async (event) => void runs.push(event));
    await queue.schedule({ kind: 'k', dueAt: at(4_000), payload: 'known at start' });
    await queue.schedule({ kind: 'other', dueAt: at(1_000), payload: 'not ours' });

    scheduler.start();
    fireAll(); // the first poll: nothing due yet
    await waitUntil(() => delays().length === 1);
    expect(delays()).toEqual([4_000]); // until the one it found, not every 500 ms

    clock.set(T0 + 4_000);
    fireAll();
    await waitUntil(() => runs.length === 1 && delays().length === 1);
    expect(delays()).toEqual([10_000]); // nothing left: the idle poll

    // an event scheduled meanwhile is announced: the poll comes when it is due
    clock.set(T0 + 5_000);
    await queue.schedule({ kind: 'k', dueAt: at(8_000), payload: 'announced' });
    scheduler.dueBy(at(8_000));
    expect(delays()).toEqual([3_000]);
    scheduler.dueBy(at(9_000)); // later than the poll already planned: nothing changes
    expect(delays()).toEqual([3_000]);
    clock.set(T0 + 8_000);
    fireAll();
    await waitUntil(() => runs.length === 2 && delays().length === 1);

    // one due at once, 100 ms after the last poll began, waits until pollMs after that poll
    clock.set(T0 + 8_100);
    await queue.schedule({ kind: 'k', dueAt: at(0), payload: 'due now' });
    scheduler.dueBy(at(0));
    expect(delays()).toEqual([400]);
    clock.set(T0 + 8_500);
    fireAll();
    await waitUntil(() => runs.length === 3);
    expect(runs.map((event) => event.payload)).toEqual(['known at start', 'announced', 'due now']);
    await scheduler.stop();
  });

  it('with an idlePollMs, polls for a failed event at its retry time', async () => {
    const { timers, delays, fireAll } = manualTimers();
    const { clock, queue, scheduler } = setup({ timers, pollMs: 500, idlePollMs: 60_000, retryDelayMs: () => 2_000 });
    let calls = 0;
    scheduler.on('k', async () => {
      if (++calls === 1) throw new Error('the database is down');
    });
    const { id } = await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
    scheduler.start();
    fireAll();
    await waitUntil(async () => (await queue.get(id))?.status === 'pending' && delays().length === 1);
    expect(delays()).toEqual([2_000]); // announced by the failure, not the 60-s idle poll
    clock.set(T0 + 2_000);
    fireAll();
    await waitUntil(async () => (await queue.get(id))?.status === 'done');
    await scheduler.stop();
  });

  it('retries a failing handler with backoff until it succeeds', async () => {
    const { clock, queue, scheduler } = setup({ retryDelayMs: (attempts) => attempts * 1_000 });
    const attemptsSeen: number[] = [];
    scheduler.on('k', async (event) => {
      attemptsSeen.push(event.attempts);
      if (event.attempts < 3) throw new Error(`flaky ${event.attempts}`);
    });
    const { id } = await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });

    await scheduler.pollOnce();
    await scheduler.idle();
    expect(await queue.get(id)).toMatchObject({ status: 'pending', dueAt: at(1_000), attempts: 1 });
    expect((await queue.get(id))?.lastError).toContain('flaky 1');

    clock.set(T0 + 999);
    expect(await scheduler.pollOnce()).toBe(0);
    clock.set(T0 + 1_000);
    await scheduler.pollOnce();
    await scheduler.idle();
    expect(await queue.get(id)).toMatchObject({ status: 'pending', dueAt: at(3_000), attempts: 2 });

    clock.set(T0 + 3_000);
    await scheduler.pollOnce();
    await scheduler.idle();
    expect(await queue.get(id)).toMatchObject({ status: 'done', attempts: 3 });
    expect(attemptsSeen).toEqual([1, 2, 3]);
  });

  it('gives up on an event once the queue says its attempts are used up', async () => {
    const clock = manualClock(T0);
    const { queue, scheduler } = setup({
      queue: new MemoryEventQueue({ now: clock.now, maxAttempts: 2 }),
      now: clock.now,
      retryDelayMs: () => 0,
    });
    let calls = 0;
    scheduler.on('k', async () => {
      calls += 1;
      throw new Error('always');
    });
    const { id } = await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
    for (let i = 0; i < 5; i++) {
      await scheduler.pollOnce();
      await scheduler.idle();
    }
    expect(calls).toBe(2);
    expect(await queue.get(id)).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('claims only kinds it has a handler for', async () => {
    const { clock, queue, scheduler, runs } = setup();
    scheduler.on('mine', async (event) => void runs.push(event));
    const other = await queue.schedule({ kind: 'someone-elses', dueAt: at(0), payload: {} });
    await queue.schedule({ kind: 'mine', dueAt: at(0), payload: {} });
    clock.advance(1);
    await scheduler.pollOnce();
    await scheduler.idle();
    expect(runs).toHaveLength(1);
    expect(await queue.get(other.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(() => scheduler.on('mine', async () => {})).toThrow(/already/);
  });

  it('never starts an event twice at once here, even when its own lease ran out and it was claimed again', async () => {
    const { clock, queue, scheduler } = setup({ leaseMs: 1_000 });
    const gate = deferred();
    let calls = 0;
    scheduler.on('slow', async () => {
      calls += 1;
      await gate.promise;
    });
    const { id } = await queue.schedule({ kind: 'slow', dueAt: at(0), payload: {} });

    expect(await scheduler.pollOnce()).toBe(1);
    clock.advance(5_000); // the lease lapsed while the handler still runs
    expect(await scheduler.pollOnce()).toBe(0);
    expect(calls).toBe(1);

    gate.resolve();
    await scheduler.idle();
    expect(await queue.get(id)).toMatchObject({ status: 'done' });
  });

  it('drains a backlog bigger than its concurrency without waiting a poll interval per batch', async () => {
    const { queue, scheduler, runs } = setup({ pollMs: 60_000, maxConcurrent: 2 });
    for (let i = 0; i < 7; i++) await queue.schedule({ kind: 'k', dueAt: at(-i), payload: i });
    let running = 0;
    let mostAtOnce = 0;
    scheduler.on('k', async (event) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running -= 1;
      runs.push(event);
    });

    scheduler.start();
    await waitUntil(() => runs.length === 7, 5_000);
    await scheduler.stop();
    expect(mostAtOnce).toBeLessThanOrEqual(2);
    expect(await queue.pendingCount()).toBe(0);
  });

  it('keeps polling after the queue fails once', async () => {
    const clock = manualClock(T0);
    const inner = new MemoryEventQueue({ now: clock.now });
    let failures = 0;
    const flaky: EventQueue = {
      schedule: (event) => inner.schedule(event),
      claimDue: (now, options) => (failures++ === 0 ? Promise.reject(new Error('database is locked')) : inner.claimDue(now, options)),
      complete: (id, workerId) => inner.complete(id, workerId),
      fail: (id, workerId, error, retryAt) => inner.fail(id, workerId, error, retryAt),
      get: (id) => inner.get(id),
      pendingCount: () => inner.pendingCount(),
      nextDueAt: (kinds) => inner.nextDueAt(kinds),
      prune: (doneBefore, failedBefore) => inner.prune(doneBefore, failedBefore),
    };
    const { scheduler, runs } = setup({ queue: flaky, now: clock.now });
    scheduler.on('k', async (event) => void runs.push(event));
    await inner.schedule({ kind: 'k', dueAt: at(0), payload: {} });

    scheduler.start();
    await waitUntil(() => runs.length === 1);
    await scheduler.stop();
    expect(failures).toBeGreaterThan(1);
  });

  it('deletes events done more than a week ago (failed: a month) at start and then hourly, and never pending ones', async () => {
    const { timers, fireAll } = manualTimers();
    const clock = manualClock(T0);
    const queue = new MemoryEventQueue({ now: clock.now });
    const { scheduler } = setup({ queue, timers, now: clock.now, pollMs: 500 });
    const seen: string[] = [];
    scheduler.on('k', async (event) => void seen.push(event.payload as string));
    // done 8 days ago, failed 31 days after creation, pending for next month: as the clock says
    const old = await queue.schedule({ kind: 'k', dueAt: at(0), payload: 'old', dedupeKey: 'arrive:old' });
    const broken = await queue.schedule({ kind: 'gone', dueAt: at(0), payload: 'broken' });
    const later = await queue.schedule({ kind: 'k', dueAt: at(40 * 86_400_000), payload: 'later' });
    expect(await scheduler.pollOnce()).toBe(1);
    await scheduler.idle();
    const [claimedBroken] = await queue.claimDue(at(0), { workerId: 'someone', limit: 1, leaseMs: 1_000, kinds: ['gone'] });
    await queue.fail(claimedBroken!.id, 'someone', new Error('no handler anywhere'));

    const DAY = 86_400_000;
    const HOUR = 3_600_000;
    clock.set(T0 + 7 * DAY - HOUR / 2);
    scheduler.start();
    fireAll(); // the first turn prunes: done 6.98 days ago, so kept
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await queue.get(old.id)).toMatchObject({ status: 'done' });

    clock.set(T0 + 7 * DAY + HOUR / 6);
    fireAll(); // a week old now, but the last pruning was 40 minutes ago: not yet
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await queue.get(old.id)).not.toBeNull();

    clock.set(T0 + 7 * DAY + HOUR / 2 + 60_000);
    fireAll();
    await waitUntil(async () => (await queue.get(old.id)) === null);
    expect(await queue.get(broken.id)).toMatchObject({ status: 'failed' }); // failed a month after it was made
    expect(await queue.get(later.id)).toMatchObject({ status: 'pending' });
    // a deleted event's dedupe key is free again
    expect((await queue.schedule({ kind: 'k', dueAt: at(0), payload: 'again', dedupeKey: 'arrive:old' })).created).toBe(true);

    clock.set(T0 + 31 * DAY);
    fireAll();
    await waitUntil(async () => (await queue.get(broken.id)) === null);
    expect(await queue.get(later.id)).toMatchObject({ status: 'pending' });
    await scheduler.stop();
  });

  it('stop() waits for a handler in flight, which still completes its event, and then polls no more', async () => {
    const { queue, scheduler } = setup();
    const gate = deferred();
    const started = deferred();
    let calls = 0;
    scheduler.on('k', async () => {
      calls += 1;
      started.resolve();
      await gate.promise;
    });
    const { id } = await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
    scheduler.start();
    await started.promise;

    const stopping = scheduler.stop();
    expect(await isSettled(stopping)).toBe(false);
    expect(scheduler.inFlight).toBe(1);
    gate.resolve();
    await stopping;
    expect(await queue.get(id)).toMatchObject({ status: 'done' });

    await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await scheduler.pollOnce()).toBe(0);
    expect(calls).toBe(1);
    expect(scheduler.stop()).toBe(stopping);
    expect(() => scheduler.start()).toThrow(/after stop/);
  });
});
