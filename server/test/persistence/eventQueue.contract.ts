import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimedEvent, EventQueue, EventQueueOptions } from '../../src/persistence/EventQueue';

/** One queue under test, with a second handle on the same store (another process's client). */
export interface EventQueueFixture {
  queue: EventQueue;
  /** Another queue on the same storage: a second Prisma client on the same file, or the same memory queue. */
  other: EventQueue;
  close?(): Promise<void>;
}

/** A fixed epoch, so every time in the suite is explicit. */
const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);
const LEASE = 30_000;
const MAX_ATTEMPTS = 3;

const claimOpts = (workerId: string, limit = 10, leaseMs = LEASE) => ({ workerId, limit, leaseMs });
const ids = (events: ClaimedEvent[]) => events.map((event) => event.id);

/**
 * The behaviour every EventQueue must have. `makeQueue` gives a fresh, empty queue per test, built with the
 * options given (the suite uses `maxAttempts: 3` and a fixed clock).
 */
export function describeEventQueueContract(
  name: string,
  makeQueue: (options: EventQueueOptions) => Promise<EventQueueFixture>,
): void {
  describe(`EventQueue contract: ${name}`, () => {
    let fixture: EventQueueFixture;
    let queue: EventQueue;

    beforeEach(async () => {
      fixture = await makeQueue({ maxAttempts: MAX_ATTEMPTS, now: () => at(0) });
      queue = fixture.queue;
    });
    afterEach(async () => {
      await fixture.close?.();
    });

    it('stores a scheduled event as pending, with its payload, and finds nothing for an unknown id', async () => {
      const payload = { fleetId: 'f1', ships: { fighter: 3 }, nested: [1, 'two', null] };
      const { id, created } = await queue.schedule({ kind: 'fleet/arrive', dueAt: at(5_000), payload });
      expect(created).toBe(true);

      expect(await queue.get(id)).toEqual({
        id,
        kind: 'fleet/arrive',
        dueAt: at(5_000),
        payload,
        status: 'pending',
        claimedBy: null,
        leaseUntil: null,
        attempts: 0,
        lastError: null,
        createdAt: at(0),
        doneAt: null,
        dedupeKey: null,
      });
      expect(await queue.get('no-such-event')).toBeNull();
      expect(await queue.pendingCount()).toBe(1);
    });

    it('does not claim an event before it is due, and claims it from its due moment on', async () => {
      const { id } = await queue.schedule({ kind: 'k', dueAt: at(1_000), payload: {} });
      expect(await queue.claimDue(at(999), claimOpts('w1'))).toEqual([]);

      const [claimed] = await queue.claimDue(at(1_000), claimOpts('w1'));
      expect(claimed).toEqual({
        id,
        kind: 'k',
        dueAt: at(1_000),
        payload: {},
        attempts: 1,
        leaseUntil: at(1_000 + LEASE),
        dedupeKey: null,
      });
      expect(await queue.get(id)).toMatchObject({ status: 'claimed', claimedBy: 'w1', attempts: 1 });
      expect(await queue.pendingCount()).toBe(0);
    });

    it('claims the earliest due first, at most `limit` per call', async () => {
      const third = await queue.schedule({ kind: 'k', dueAt: at(3_000), payload: 3 });
      const first = await queue.schedule({ kind: 'k', dueAt: at(1_000), payload: 1 });
      const second = await queue.schedule({ kind: 'k', dueAt: at(2_000), payload: 2 });
      await queue.schedule({ kind: 'k', dueAt: at(60_000), payload: 'later' });

      expect(ids(await queue.claimDue(at(10_000), claimOpts('w1', 2)))).toEqual([first.id, second.id]);
      expect(ids(await queue.claimDue(at(10_000), claimOpts('w1', 2)))).toEqual([third.id]);
      expect(await queue.claimDue(at(10_000), claimOpts('w1', 2))).toEqual([]);
    });

    it('claims only the kinds asked for', async () => {
      const arrive = await queue.schedule({ kind: 'fleet/arrive', dueAt: at(0), payload: {} });
      const other = await queue.schedule({ kind: 'battle/resolve', dueAt: at(0), payload: {} });
      expect(ids(await queue.claimDue(at(0), { ...claimOpts('w1'), kinds: ['fleet/arrive'] }))).toEqual([arrive.id]);
      expect(ids(await queue.claimDue(at(0), { ...claimOpts('w1'), kinds: ['nothing'] }))).toEqual([]);
      expect(ids(await queue.claimDue(at(0), claimOpts('w1')))).toEqual([other.id]);
    });

    it('says when the next event of the kinds asked for can be claimed: a due time, or the end of a lease', async () => {
      expect(await queue.nextDueAt()).toBeNull();
      const early = await queue.schedule({ kind: 'fleet/arrive', dueAt: at(1_000), payload: {} });
      await queue.schedule({ kind: 'fleet/arrive', dueAt: at(90_000), payload: {} });
      await queue.schedule({ kind: 'battle/settle', dueAt: at(5_000), payload: {} });
      expect(await queue.nextDueAt()).toEqual(at(1_000));
      expect(await queue.nextDueAt(['battle/settle'])).toEqual(at(5_000));
      expect(await queue.nextDueAt(['nothing'])).toBeNull();

      // claimed at 1 s: claimable again when its lease ends (31 s), before the one pending until 90 s
      await queue.claimDue(at(1_000), { ...claimOpts('w1', 1), kinds: ['fleet/arrive'] });
      expect(await queue.nextDueAt(['fleet/arrive'])).toEqual(at(1_000 + LEASE));
      await queue.complete(early.id, 'w1');
      expect(await queue.nextDueAt(['fleet/arrive'])).toEqual(at(90_000)); // done events wait for nothing

      const late = await queue.schedule({ kind: 'k', dueAt: at(-60_000), payload: {} }); // overdue: a past moment
      expect(await queue.nextDueAt()).toEqual(at(-60_000));
      const [claimed] = await queue.claimDue(at(0), { ...claimOpts('w1', 1), kinds: ['k'] });
      await queue.fail(claimed!.id, 'w1', new Error('down'), at(7_000));
      expect(claimed!.id).toBe(late.id);
      expect(await queue.nextDueAt(['k'])).toEqual(at(7_000)); // its retry
    });

    it('schedules at most once per dedupe key, even after the first event is done', async () => {
      const first = await queue.schedule({ kind: 'k', dueAt: at(0), payload: 'a', dedupeKey: 'arrive:f1' });
      const again = await queue.schedule({ kind: 'k', dueAt: at(500), payload: 'b', dedupeKey: 'arrive:f1' });
      expect(again).toEqual({ id: first.id, created: false });
      expect(await queue.pendingCount()).toBe(1);
      expect(await queue.get(first.id)).toMatchObject({ payload: 'a', dueAt: at(0), dedupeKey: 'arrive:f1' });

      await queue.claimDue(at(0), claimOpts('w1'));
      await queue.complete(first.id, 'w1');
      expect(await queue.schedule({ kind: 'k', dueAt: at(0), payload: 'c', dedupeKey: 'arrive:f1' })).toEqual({
        id: first.id,
        created: false,
      });
      const otherKey = await queue.schedule({ kind: 'k', dueAt: at(0), payload: 'd', dedupeKey: 'arrive:f2' });
      expect(otherKey.created).toBe(true);
    });

    it('answers concurrent schedules with one dedupe key with one event', async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? queue : fixture.other).schedule({ kind: 'k', dueAt: at(0), payload: i, dedupeKey: 'once' }),
        ),
      );
      expect(new Set(results.map((result) => result.id)).size).toBe(1);
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(await queue.pendingCount()).toBe(1);
    });

    it('does not hand a claimed event to anyone while its lease holds', async () => {
      const { id } = await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
      expect(ids(await queue.claimDue(at(0), claimOpts('w1')))).toEqual([id]);
      expect(await queue.claimDue(at(LEASE - 1), claimOpts('w2'))).toEqual([]);
      expect(await fixture.other.claimDue(at(LEASE - 1), claimOpts('w2'))).toEqual([]);
      expect(await queue.claimDue(at(LEASE - 1), claimOpts('w1'))).toEqual([]);
    });

    it('lets another worker take over an event whose lease ran out, and only the new claimer complete it', async () => {
      const { id } = await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
      await queue.claimDue(at(0), claimOpts('crashed'));

      const [takenOver] = await fixture.other.claimDue(at(LEASE), claimOpts('w2'));
      expect(takenOver).toMatchObject({ id, attempts: 2, leaseUntil: at(2 * LEASE) });
      expect(await queue.complete(id, 'crashed')).toBe(false);
      expect(await queue.fail(id, 'crashed', new Error('late'), at(1))).toBe(false);
      expect(await queue.get(id)).toMatchObject({ status: 'claimed', claimedBy: 'w2', attempts: 2, lastError: null });

      expect(await fixture.other.complete(id, 'w2')).toBe(true);
      expect(await queue.get(id)).toMatchObject({ status: 'done', claimedBy: 'w2', leaseUntil: null, doneAt: at(0) });
    });

    it('refuses to complete an event for a worker that does not hold it, or twice', async () => {
      const { id } = await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
      expect(await queue.complete(id, 'w1')).toBe(false); // pending: nobody holds it
      await queue.claimDue(at(0), claimOpts('w1'));
      expect(await queue.complete(id, 'w2')).toBe(false);
      expect(await queue.get(id)).toMatchObject({ status: 'claimed' });

      expect(await queue.complete(id, 'w1')).toBe(true);
      expect(await queue.complete(id, 'w1')).toBe(false);
      expect(await queue.complete('no-such-event', 'w1')).toBe(false);
      expect(await queue.claimDue(at(10 * LEASE), claimOpts('w1'))).toEqual([]);
    });

    it('lets its holder complete an event past its lease if nobody took it over', async () => {
      const { id } = await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
      await queue.claimDue(at(0), claimOpts('slow'));
      expect(await queue.complete(id, 'slow')).toBe(true);
    });

    it('puts a failed event back as pending at its retry time, keeping the error', async () => {
      const { id } = await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
      await queue.claimDue(at(0), claimOpts('w1'));
      expect(await queue.fail(id, 'w2', new Error('not mine'), at(1))).toBe(false);
      expect(await queue.fail(id, 'w1', new Error('database busy'), at(5_000))).toBe(true);

      const stored = await queue.get(id);
      expect(stored).toMatchObject({ status: 'pending', dueAt: at(5_000), leaseUntil: null, attempts: 1 });
      expect(stored?.lastError).toContain('database busy');
      expect(await queue.pendingCount()).toBe(1);
      expect(await queue.claimDue(at(4_999), claimOpts('w1'))).toEqual([]);
      expect(await queue.claimDue(at(5_000), claimOpts('w2'))).toMatchObject([{ id, attempts: 2 }]);
    });

    it('marks an event failed when its holder gives up without a retry time', async () => {
      const { id } = await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
      await queue.claimDue(at(0), claimOpts('w1'));
      expect(await queue.fail(id, 'w1', 'no such fleet')).toBe(true);
      expect(await queue.get(id)).toMatchObject({ status: 'failed', lastError: 'no such fleet', leaseUntil: null });
      expect(await queue.claimDue(at(10 * LEASE), claimOpts('w1'))).toEqual([]);
      expect(await queue.pendingCount()).toBe(0);
    });

    it('keeps an error message whatever characters it holds (a NUL may become U+FFFD)', async () => {
      const { id } = await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
      await queue.claimDue(at(0), claimOpts('w1'));
      expect(await queue.fail(id, 'w1', 'bad byte \u0000 in 🚀 "quotes" \\ end')).toBe(true);
      expect((await queue.get(id))?.lastError).toMatch(/^bad byte [\u0000\ufffd] in 🚀 "quotes" \\ end$/u);
    });

    it('marks an event failed once its attempts are used up', async () => {
      const { id } = await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const [claimed] = await queue.claimDue(at(attempt), claimOpts('w1'));
        expect(claimed?.attempts).toBe(attempt);
        await queue.fail(id, 'w1', new Error(`boom ${attempt}`), at(attempt + 1));
      }
      expect(await queue.get(id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
      expect((await queue.get(id))?.lastError).toContain(`boom ${MAX_ATTEMPTS}`);
      expect(await queue.claimDue(at(10 * LEASE), claimOpts('w1'))).toEqual([]);
    });

    it('gives up on an event whose last attempt lapsed (a handler that kills its process) instead of reclaiming it', async () => {
      const { id } = await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        // Each worker claims it and "dies": no complete, no fail; the next one comes once the lease ran out.
        const [claimed] = await queue.claimDue(at(attempt * LEASE), claimOpts(`worker-${attempt}`));
        expect(claimed?.attempts).toBe(attempt);
      }
      expect(await queue.claimDue(at((MAX_ATTEMPTS + 1) * LEASE), claimOpts('w9'))).toEqual([]);
      const stored = await queue.get(id);
      expect(stored).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, leaseUntil: null });
      expect(stored?.lastError).toMatch(/lapsed/);
    });

    it('prunes done events finished before a moment and failed ones created before another, never pending or claimed ones', async () => {
      const done = await queue.schedule({ kind: 'k', dueAt: at(0), payload: 'done', dedupeKey: 'once:done' });
      const failed = await queue.schedule({ kind: 'k', dueAt: at(0), payload: 'failed' });
      const claimed = await queue.schedule({ kind: 'k', dueAt: at(0), payload: 'claimed' });
      const pending = await queue.schedule({ kind: 'k', dueAt: at(60_000), payload: 'pending' });
      const ours = await queue.claimDue(at(0), claimOpts('w', 3));
      expect(ids(ours).sort()).toEqual([done.id, failed.id, claimed.id].sort());
      expect(await queue.complete(done.id, 'w')).toBe(true);
      expect(await queue.fail(failed.id, 'w', new Error('broken'))).toBe(true);

      // every row here was made and finished at the suite's clock, at(0): "before" is strict
      expect(await queue.prune(at(0), at(0))).toBe(0);
      expect(await queue.prune(at(1), at(0))).toBe(1);
      expect(await queue.get(done.id)).toBeNull();
      expect(await queue.get(failed.id)).toMatchObject({ status: 'failed' });
      expect(await fixture.other.prune(at(1), at(1))).toBe(1);
      expect(await queue.get(failed.id)).toBeNull();
      expect(await queue.prune(at(1_000_000), at(1_000_000))).toBe(0);
      expect(await queue.get(claimed.id)).toMatchObject({ status: 'claimed' });
      expect(await queue.get(pending.id)).toMatchObject({ status: 'pending' });
      // the deleted event's dedupe key schedules again
      expect((await queue.schedule({ kind: 'k', dueAt: at(0), payload: 'again', dedupeKey: 'once:done' })).created).toBe(true);
    });

    it('counts only pending events', async () => {
      await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
      await queue.schedule({ kind: 'k', dueAt: at(0), payload: {} });
      await queue.schedule({ kind: 'k', dueAt: at(99_999), payload: {} });
      expect(await queue.pendingCount()).toBe(3);
      await queue.claimDue(at(0), claimOpts('w1', 1));
      expect(await queue.pendingCount()).toBe(2);
    });

    it('does not let returned payloads or scheduled inputs alias what is stored', async () => {
      const payload = { ships: { fighter: 1 } };
      const dueAt = at(0);
      const { id } = await queue.schedule({ kind: 'k', dueAt, payload });
      payload.ships.fighter = 99;
      dueAt.setTime(0);

      const [claimed] = await queue.claimDue(at(0), claimOpts('w1'));
      (claimed?.payload as typeof payload).ships.fighter = -1;
      const stored = await queue.get(id);
      expect(stored).toMatchObject({ payload: { ships: { fighter: 1 } }, dueAt: at(0) });
    });

    it('refuses unusable input before it reaches storage', async () => {
      await expect(queue.schedule({ kind: '', dueAt: at(0), payload: {} })).rejects.toThrow(TypeError);
      await expect(queue.schedule({ kind: 'k', dueAt: new Date(Number.NaN), payload: {} })).rejects.toThrow(TypeError);
      await expect(queue.schedule({ kind: 'k', dueAt: at(0), payload: undefined })).rejects.toThrow(TypeError);
      await expect(queue.claimDue(at(0), claimOpts('', 1))).rejects.toThrow(TypeError);
      await expect(queue.claimDue(at(0), claimOpts('w1', 0))).rejects.toThrow(TypeError);
      await expect(queue.claimDue(at(0), claimOpts('w1', 1, 0))).rejects.toThrow(TypeError);
      expect(await queue.pendingCount()).toBe(0);
    });

    it('hands each of 200 due events to exactly one of four concurrent claimers on two clients', async () => {
      const scheduled = await Promise.all(
        Array.from({ length: 200 }, (_, i) => queue.schedule({ kind: 'k', dueAt: at(i % 7), payload: i })),
      );
      const got = new Map<string, string[]>();
      const claimer = async (q: EventQueue, workerId: string) => {
        const mine: string[] = [];
        // Keep claiming until a claim finds nothing: with CAS losses a round may come back short, not wrong.
        for (let claimed = await q.claimDue(at(10), claimOpts(workerId, 7)); claimed.length > 0; ) {
          for (const event of claimed) {
            mine.push(event.id);
            got.set(event.id, [...(got.get(event.id) ?? []), workerId]);
          }
          claimed = await q.claimDue(at(10), claimOpts(workerId, 7));
        }
        return mine;
      };
      const perWorker = await Promise.all([
        claimer(queue, 'a1'),
        claimer(fixture.other, 'b1'),
        claimer(queue, 'a2'),
        claimer(fixture.other, 'b2'),
      ]);
      // A claimer may stop early after losing every race in a round; whatever is left is still claimable once.
      const rest = await claimer(queue, 'sweeper');
      perWorker.push(rest);

      const duplicates = [...got].filter(([, workers]) => workers.length > 1);
      expect(duplicates).toEqual([]);
      expect(new Set(perWorker.flat())).toEqual(new Set(scheduled.map((event) => event.id)));
      expect(perWorker.flat()).toHaveLength(200);
      expect(await queue.pendingCount()).toBe(0);
    });
  });
}
