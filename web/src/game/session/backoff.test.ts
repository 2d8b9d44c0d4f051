import { describe, expect, it } from 'vitest';
import { BACKOFF, reconnectDelay } from './backoff';

const middle = () => 0.5; // no jitter

describe('reconnection backoff', () => {
  it('doubles from half a second', () => {
    expect([1, 2, 3, 4, 5].map((n) => reconnectDelay(n, middle))).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
  });

  it('stops growing at the cap', () => {
    expect(reconnectDelay(20, middle)).toBe(BACKOFF.maxMs);
    expect(reconnectDelay(1_000, middle)).toBe(BACKOFF.maxMs);
  });

  it('spreads clients by ±20 %', () => {
    expect(reconnectDelay(3, () => 0)).toBe(1_600);
    expect(reconnectDelay(3, () => 0.999999)).toBe(2_400);
  });
});
