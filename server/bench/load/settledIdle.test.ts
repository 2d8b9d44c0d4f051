import { describe, expect, it } from 'vitest';
import { settledRss, type SettleOptions } from './settledIdle';

const MB = 2 ** 20;
const OPTIONS: SettleOptions = { minMs: 20_000, quietMs: 10_000, maxMs: 60_000, stepMs: 1_000, toleranceBytes: 2 * MB };

/** RSS by second (index 0: the first reading, after one step), then the last value for good */
function idleServer(bySecond: number[]) {
  let calls = 0;
  const waited: number[] = [];
  return {
    read: () => bySecond[Math.min(calls++, bySecond.length - 1)]! * MB,
    wait: async (ms: number) => void waited.push(ms),
    waited,
  };
}

describe('settledRss', () => {
  it('waits out the memory reducer: the game server measured idle, 301 MB until it settles at 238', async () => {
    const seconds = [...Array(7).fill(301), 298, 296, 296, 296, 296, 296, 296, ...Array(9).fill(256), ...Array(30).fill(238)];
    const server = idleServer(seconds);
    const reading = await settledRss(server.read, server.wait, OPTIONS);
    // 238 from the 24th reading on; quiet for 10 s at the 34th
    expect(reading).toEqual({ rssBytes: 238 * MB, waitedMs: 34_000, settled: true });
    expect(server.waited.every((ms) => ms === 1_000)).toBe(true);
  });

  it('takes no reading before the minimum, even from a server that never moved', async () => {
    const flat = idleServer([109]);
    expect(await settledRss(flat.read, flat.wait, OPTIONS)).toEqual({ rssBytes: 109 * MB, waitedMs: 20_000, settled: true });
  });

  it('counts changes within the tolerance as quiet', async () => {
    const wobbly = idleServer(Array.from({ length: 40 }, (_, i) => 200 + (i % 2)));
    expect((await settledRss(wobbly.read, wobbly.wait, OPTIONS)).waitedMs).toBe(20_000);
  });

  it('gives up at the maximum with the latest reading when RSS keeps changing', async () => {
    const growing = idleServer(Array.from({ length: 100 }, (_, i) => 100 + 3 * i));
    expect(await settledRss(growing.read, growing.wait, OPTIONS)).toEqual({ rssBytes: (100 + 3 * 59) * MB, waitedMs: 60_000, settled: false });
  });
});
