import { describe, expect, it } from 'vitest';
import { UNKNOWN_CLOCK, betterClock, roughClock, sampleClock } from './clock';

describe('server clock offset', () => {
  it('assumes the server answered half-way through the round trip', () => {
    // sent at 1000, the server (5000 ahead) answered at its 6040, received at 1080: offset = 6040 + 40 − 1080
    expect(sampleClock(1_000, 6_040, 1_080)).toEqual({ offset: 5_000, rtt: 80 });
  });

  it('keeps the estimate from the fastest round trip', () => {
    const slow = sampleClock(0, 5_300, 400); // rtt 400
    const fast = sampleClock(1_000, 6_010, 1_020); // rtt 20
    expect(betterClock(betterClock(UNKNOWN_CLOCK, slow), fast)).toBe(fast);
    expect(betterClock(fast, slow)).toBe(fast);
  });

  it('uses the Welcome time as a first guess that any measured sample replaces', () => {
    const rough = roughClock(9_000, 4_000);
    expect(rough.offset).toBe(5_000);
    expect(betterClock(UNKNOWN_CLOCK, rough)).toBe(rough);
    const measured = sampleClock(0, 5_500, 1_000);
    expect(betterClock(rough, measured)).toBe(measured);
  });

  it('never reports a negative round trip (a clock stepping backwards)', () => {
    expect(sampleClock(2_000, 7_000, 1_990).rtt).toBe(0);
  });
});
