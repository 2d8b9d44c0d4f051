import { describe, expect, it } from 'vitest';
import { slowActions } from './results';

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
