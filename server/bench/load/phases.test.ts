import { describe, expect, it } from 'vitest';
import { runPhases, type PhaseOptions } from './phases';

const FULL_RUN: PhaseOptions = { settleMs: 10_000, windowMs: 30_000, settleActions: 12_000, windowActions: 12_000 };

describe('runPhases', () => {
  it('gives 1,000 players (200 actions a second) a minute to settle and a minute measured', () => {
    expect(runPhases(1000, FULL_RUN)).toEqual({ settleMs: 60_000, windowMs: 60_000 });
  });

  it('keeps the minimum times where players send the actions sooner', () => {
    expect(runPhases(10_000, FULL_RUN)).toEqual({ settleMs: 10_000, windowMs: 30_000 });
    expect(runPhases(16_000, FULL_RUN)).toEqual({ settleMs: 10_000, windowMs: 30_000 });
  });

  it('rounds up to whole seconds between the two', () => {
    // 3,000 players: 600 actions a second, 12,000 in exactly 20 s; 7,000: 1,400 a second, 12,000 in 8.6 s
    expect(runPhases(3000, { ...FULL_RUN, settleMs: 1000 })).toEqual({ settleMs: 20_000, windowMs: 30_000 });
    expect(runPhases(7000, { ...FULL_RUN, settleMs: 1000 })).toEqual({ settleMs: 9_000, windowMs: 30_000 });
  });

  it('uses time alone when no actions are asked for', () => {
    expect(runPhases(1000, { ...FULL_RUN, settleActions: 0, windowActions: 0 })).toEqual({ settleMs: 10_000, windowMs: 30_000 });
  });
});
