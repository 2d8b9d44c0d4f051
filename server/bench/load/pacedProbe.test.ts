import { describe, expect, it } from 'vitest';
import { PacedProbe } from './pacedProbe';

describe('the paced probe', () => {
  it('reads a real process doing its small job, never less than before, until stopped', async () => {
    const probe = await PacedProbe.start();
    try {
      const before = probe.read();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const after = probe.read();
      expect(after.userMs + after.systemMs).toBeGreaterThanOrEqual(before.userMs + before.systemMs);
      const percent = PacedProbe.percentBetween(before, after);
      expect(percent).toBeGreaterThanOrEqual(0);
      expect(percent).toBeLessThan(50); // it sleeps most of each 50 ms
    } finally {
      probe.stop();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(() => probe.read()).toThrow(); // its /proc entry is gone
  });
});
