/**
 * A fresh server's idle RSS, read once it has settled. A Node process that has just started still holds the
 * garbage of its start (modules loaded, code compiled), and V8's memory reducer gives it back in rounds over the
 * next seconds. Measured here on 2026-11-27 with no one connected, RSS by second: the game server 301 MB until
 * 7 s, 296 at 9, 256 at 15, 238 from 24 on; the socket.io baseline 137 until 7 s, 108 from 9 on. Read at 5 s,
 * as the load bench did before, the idle RSS counted that garbage as the server's own, so the RSS per player came
 * out too low for both servers, and below zero for ours at 1,000 players.
 */
export interface SettleOptions {
  /** never read before this much time has passed (the memory reducer's first round comes after about 8 s) */
  minMs: number;
  /** settled: no reading over this last stretch differs from the latest by more than `toleranceBytes` */
  quietMs: number;
  /** give up and take the latest reading (`settled: false`) */
  maxMs: number;
  stepMs: number;
  toleranceBytes: number;
}

export const DEFAULT_SETTLE: SettleOptions = { minMs: 20_000, quietMs: 10_000, maxMs: 60_000, stepMs: 1_000, toleranceBytes: 2 * 2 ** 20 };

export interface SettledReading {
  rssBytes: number;
  /** time waited, counted in steps */
  waitedMs: number;
  settled: boolean;
}

export async function settledRss(
  readRss: () => number,
  wait: (ms: number) => Promise<void>,
  options: SettleOptions = DEFAULT_SETTLE,
): Promise<SettledReading> {
  const readings: Array<{ at: number; rss: number }> = [];
  for (let at = options.stepMs; ; at += options.stepMs) {
    await wait(options.stepMs);
    const rss = readRss();
    readings.push({ at, rss });
    const quietSince = at - options.quietMs;
    const stretch = readings.filter((r) => r.at >= quietSince);
    const quiet = readings[0]!.at <= quietSince && stretch.every((r) => Math.abs(r.rss - rss) <= options.toleranceBytes);
    if (at >= options.minMs && quiet) return { rssBytes: rss, waitedMs: at, settled: true };
    if (at >= options.maxMs) return { rssBytes: rss, waitedMs: at, settled: false };
  }
}
