import { describe, expect, it } from 'vitest';
import { consume, retryAfterSeconds, tooManyAttemptsMessage } from './rateWindow';

const rule = { max: 3, windowMs: 60_000 };

describe('fixed-window throttling', () => {
  it('opens a window on the first attempt', () => {
    expect(consume(null, 1_000, rule)).toEqual({ allowed: true, window: { count: 1, resetAt: 61_000 } });
  });

  it('counts attempts inside the window and refuses past the limit, saying when it reopens', () => {
    let window = consume(null, 0, rule).window;
    window = consume(window, 10_000, rule).window;
    const third = consume(window, 20_000, rule);
    expect(third).toEqual({ allowed: true, window: { count: 3, resetAt: 60_000 } });
    const fourth = consume(third.window, 45_000, rule);
    expect(fourth).toEqual({ allowed: false, window: third.window, retryAfterMs: 15_000 });
  });

  it('starts over once the window has ended, however many attempts it held', () => {
    expect(consume({ count: 99, resetAt: 60_000 }, 60_000, rule)).toEqual({ allowed: true, window: { count: 1, resetAt: 120_000 } });
  });

  it('tells the wait in whole minutes, rounded up', () => {
    expect(tooManyAttemptsMessage(15_000)).toBe('Too many attempts, try again in 1 minute.');
    expect(tooManyAttemptsMessage(60_001)).toBe('Too many attempts, try again in 2 minutes.');
    expect(tooManyAttemptsMessage(10 * 60_000)).toBe('Too many attempts, try again in 10 minutes.');
  });

  it('tells the wait in whole seconds for Retry-After, rounded up and never zero', () => {
    expect(retryAfterSeconds(15_000)).toBe(15);
    expect(retryAfterSeconds(15_001)).toBe(16);
    expect(retryAfterSeconds(0)).toBe(1);
  });
});
