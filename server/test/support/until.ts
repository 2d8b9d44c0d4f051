import { sleep } from './roomProbe';

/**
 * Waits until `check` holds (it may be async), looking every `everyMs`; fails naming `what` after `timeoutMs`.
 * Rooms, saves and other processes move on their own: tests wait for what they expect rather than for a time.
 */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}
