import { describe, expect, it } from 'vitest';
import { PendingSaves } from '../../src/persistence/PendingSaves';

/** A promise settled by hand, to control the order of events. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Whether `promise` has settled after pending microtasks ran. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe('PendingSaves', () => {
  it('resolves waitFor at once when nothing is in flight for the town', async () => {
    const pending = new PendingSaves();
    await expect(pending.waitFor('t1')).resolves.toBeUndefined();
    await expect(pending.drain()).resolves.toBeUndefined();
  });

  it('returns the tracked promise itself, so the caller still sees its result', async () => {
    const pending = new PendingSaves();
    const save = Promise.resolve(42);
    expect(pending.track('t1', save)).toBe(save);
    expect(await save).toBe(42);
  });

  it('makes waitFor wait for that town only', async () => {
    const pending = new PendingSaves();
    const t1 = deferred();
    const t2 = deferred();
    pending.track('t1', t1.promise);
    pending.track('t2', t2.promise);

    const waiting = pending.waitFor('t1');
    expect(await isSettled(waiting)).toBe(false);
    t1.resolve();
    expect(await isSettled(waiting)).toBe(true);
    expect(pending.size).toBe(1);
    t2.resolve();
  });

  it('keeps waiting for saves of the same town tracked while waiting', async () => {
    const pending = new PendingSaves();
    const first = deferred();
    const second = deferred();
    pending.track('t1', first.promise);

    const waiting = pending.waitFor('t1');
    pending.track('t1', second.promise);
    first.resolve();
    expect(await isSettled(waiting)).toBe(false);
    second.resolve();
    expect(await isSettled(waiting)).toBe(true);
  });

  it('resolves (never rejects) when a tracked save fails, and forgets it', async () => {
    const pending = new PendingSaves();
    const save = deferred();
    const tracked = pending.track('t1', save.promise);
    tracked.catch(() => {}); // the save's owner handles the failure
    save.reject(new Error('disk full'));

    await expect(pending.waitFor('t1')).resolves.toBeUndefined();
    await expect(pending.drain()).resolves.toBeUndefined();
    expect(pending.size).toBe(0);
  });

  it('drains every town, including saves tracked while draining', async () => {
    const pending = new PendingSaves();
    const a = deferred();
    const b = deferred();
    const late = deferred();
    pending.track('a', a.promise);
    pending.track('b', b.promise);
    expect(pending.size).toBe(2);

    const draining = pending.drain();
    a.resolve();
    // e.g. a room disposed during shutdown starts its final save now
    pending.track('c', late.promise);
    b.resolve();
    expect(await isSettled(draining)).toBe(false);
    late.resolve();
    expect(await isSettled(draining)).toBe(true);
    expect(pending.size).toBe(0);
  });

  it('keeps a town between its saves until it is forgotten, and waits for it as before', async () => {
    const pending = new PendingSaves();
    pending.begin('t1');
    pending.end('t1');
    expect([pending.size, pending.holds('t1')]).toEqual([0, true]); // no save in flight; the entry stays for the next
    await expect(pending.waitFor('t1')).resolves.toBeUndefined();

    pending.begin('t1');
    const waiting = pending.waitFor('t1');
    expect(await isSettled(waiting)).toBe(false);
    pending.end('t1');
    expect(await isSettled(waiting)).toBe(true);

    pending.forget('t1');
    expect(pending.holds('t1')).toBe(false);
  });

  it('forgets a town with a save in flight once that save ends (a retried last save, or a new host\'s)', async () => {
    const pending = new PendingSaves();
    const save = deferred();
    pending.track('t1', save.promise);
    pending.forget('t1');
    expect(pending.holds('t1')).toBe(true); // still waited for
    const waiting = pending.waitFor('t1');
    save.resolve();
    expect(await isSettled(waiting)).toBe(true);
    expect(pending.holds('t1')).toBe(false); // no host is left to forget it

    // a town saved again after that (a new host) is kept between its saves as before, until forgotten
    pending.begin('t1');
    pending.end('t1');
    expect(pending.holds('t1')).toBe(true);
    pending.forget('t1');
    expect(pending.holds('t1')).toBe(false);
  });
});
