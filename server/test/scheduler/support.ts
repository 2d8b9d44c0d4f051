import { createLogger } from '../../src/logger';
import type { SchedulerTimers } from '../../src/scheduler/Scheduler';

/** Scheduler logs stay quiet in tests unless something is badly wrong. */
export const quietLogger = createLogger('silent');

/** A promise settled by hand, to hold a handler mid-run. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Resolves once `condition()` holds, checking every few ms; fails after `timeoutMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Whether `promise` has settled once pending callbacks ran. */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

/** A clock tests move by hand. */
export function manualClock(startMs: number) {
  let nowMs = startMs;
  return {
    now: () => new Date(nowMs),
    set: (ms: number) => {
      nowMs = ms;
    },
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}

/** Timers that only fire when the test says so; records the delay of each one set. */
export function manualTimers() {
  let nextId = 1;
  const pending = new Map<number, { callback: () => void; ms: number }>();
  const timers: SchedulerTimers = {
    setTimeout: (callback, ms) => {
      const id = nextId++;
      pending.set(id, { callback, ms });
      return id;
    },
    clearTimeout: (handle) => {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    /** delays of the timers waiting to fire */
    delays: () => [...pending.values()].map((timer) => timer.ms),
    /** fires every waiting timer once */
    fireAll: () => {
      const due = [...pending.entries()];
      for (const [id] of due) pending.delete(id);
      for (const [, timer] of due) timer.callback();
    },
  };
}
