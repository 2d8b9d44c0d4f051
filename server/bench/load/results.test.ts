import { describe, expect, it } from 'vitest';
import { checkTargets, resultRows, rssPerPlayer, slowActions, type RunResult } from './results';

describe('slowActions', () => {
  it('counts the actions over the threshold by the second they were sent in', () => {
    const latencies = [5, 150, 120, 8, 300, 101, 100];
    const sentAt = [100, 1_200, 1_900, 2_500, 7_400, 7_999, 9_000];
    const slow = slowActions(latencies, sentAt, 10_000);
    expect(slow.count).toBe(4); // 150, 120, 300, 101 (100 is not over 100)
    expect(slow.seconds).toBe(2); // seconds 1 and 7
    expect(slow.windowSeconds).toBe(10);
    expect(slow.worstSecond).toEqual({ at: 1, count: 2 });
    expect(slow.shareInWorstFiveSeconds).toBe(1);
  });

  it('tells a stall (slow actions together) from slowness spread over the window', () => {
    const spread = slowActions(
      Array.from({ length: 30 }, () => 200),
      Array.from({ length: 30 }, (_, i) => i * 1000 + 500),
      30_000,
    );
    expect(spread.seconds).toBe(30);
    expect(spread.shareInWorstFiveSeconds).toBeCloseTo(5 / 30);

    const stall = slowActions(
      Array.from({ length: 30 }, (_, i) => (i < 27 ? 200 : 10)),
      Array.from({ length: 30 }, (_, i) => (i < 27 ? 12_000 + i * 10 : i * 1000)),
      30_000,
    );
    expect(stall.count).toBe(27);
    expect(stall.seconds).toBe(1);
    expect(stall.worstSecond).toEqual({ at: 12, count: 27 });
  });

  it('reports nothing slow when every action is within the threshold', () => {
    const slow = slowActions([1, 2, 3], [0, 10, 20], 1_000, 50);
    expect(slow).toMatchObject({ thresholdMs: 50, count: 0, seconds: 0, shareInWorstFiveSeconds: 0 });
    expect(slow.worstSecond.count).toBe(0);
  });
});

const MB = 2 ** 20;

/** A measured run with the given RSS readings (MB) and 1,000 players; the rest does not matter here. */
function run(kind: RunResult['kind'], rss: { idle: number; end: number; collectedIdle?: number; collected?: number }): RunResult {
  return {
    kind, players: 1000, joined: 1000, failedJoins: 0, joinSeconds: 3, windowSeconds: 60, cpuMsPerSecond: 40, idleCpuMsPerSecond: 1,
    systemMsPerSecond: 6, rssIdleBytes: rss.idle * MB, rssBytes: rss.end * MB,
    ...(rss.collected === undefined ? {} : { rssCollectedIdleBytes: rss.collectedIdle! * MB, rssCollectedBytes: rss.collected * MB }),
    heapIdleBytes: 0, heapUsedBytes: 0, externalIdleBytes: 0, externalBytes: 0, bytesPerPlayerSecond: 6.5,
    latency: { p50: 27, p99: 52, max: 60, samples: 12_000 }, actionsSent: 12_000, late: 0, refusals: 0, drops: 0, connectedAtEnd: 1000,
    eventLoop: { p50: 1, p99: 5, max: 7, windows: 12 }, generators: { cpuPercent: 2, eventLoopP99Ms: 11 }, otherCpuPercent: 0,
  };
}

describe('memory per player', () => {
  it('comes from the RSS after the forced collections, which a heap that shrank meanwhile leaves readable', () => {
    // session 21: idle 292 MB as held, 231 collected; 269 at the end as held, 253 collected
    const ours = run('colyseus', { idle: 292, end: 269, collectedIdle: 231.4, collected: 253.4 });
    expect(rssPerPlayer(ours) / 1024).toBeCloseTo(22.5, 1);
    const baseline = run('baseline', { idle: 117, end: 237, collectedIdle: 117.6, collected: 207.5 });
    const memory = checkTargets([ours, baseline]).find((c) => c.target.startsWith('resident memory per player'));
    expect(memory).toMatchObject({ met: true, measured: '22.5 vs 92.1 KB' });
  });

  it('falls back to the readings as held for results saved before the collections were measured', () => {
    const old = run('colyseus', { idle: 227, end: 291 });
    expect(rssPerPlayer(old) / 1024).toBeCloseTo(65.5, 1);
    const shrunk = run('colyseus', { idle: 292, end: 269 });
    const memory = checkTargets([shrunk, run('baseline', { idle: 117, end: 237 })]).find((c) => c.target.startsWith('resident memory per player'));
    expect(memory?.met).toBeNull(); // below the idle RSS: not a reading
  });

  it('compares per added player what the players added in each process, not two processes whose idle differs', () => {
    // the quick run of session 21: our idle collected RSS 195 MB in one process, 230 in the next
    const small = [run('colyseus', { idle: 195, end: 258, collectedIdle: 195, collected: 217 }), run('baseline', { idle: 121, end: 233, collectedIdle: 121, collected: 205 })];
    const large = [run('colyseus', { idle: 230, end: 305, collectedIdle: 230, collected: 264 }), run('baseline', { idle: 110, end: 279, collectedIdle: 110, collected: 243 })].map(
      (r) => ({ ...r, players: 2000, joined: 2000, connectedAtEnd: 2000 }),
    );
    const added = checkTargets([...small, ...large]).find((c) => c.target.startsWith('resident memory per added player'));
    // ours: (34 − 22) MB over 1,000 more players; the baseline's: (133 − 84) MB
    expect(added).toMatchObject({ met: true, measured: '12.3 vs 50.2 KB' });
  });
});

describe('the results table', () => {
  it('shows the paced probe beside each run, and a dash for results saved before it was measured', () => {
    const rows = resultRows([{ ...run('colyseus', { idle: 230, end: 270 }), probeCpuPercent: 1.24 }, run('baseline', { idle: 117, end: 237 })]);
    const column = rows[0]!.indexOf('probe CPU %');
    expect(column).toBe(rows[0]!.length - 1);
    expect(rows[1]![column]).toBe('1.2');
    expect(rows[2]![column]).toBe('–');
  });
});
