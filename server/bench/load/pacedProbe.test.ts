import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cpuBetween } from '../support/procStats';
import { PacedProbe } from './pacedProbe';

describe('the paced probe', () => {
  it('reads a real process doing its small job, never less than before, until stopped', async () => {
    const probe = await PacedProbe.start();
    try {
      const before = probe.read();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const after = probe.read();
      expect(after.userMs + after.systemMs).toBeGreaterThanOrEqual(before.userMs + before.systemMs);
      const percent = cpuBetween(before, after).msPerSecond / 10;
      expect(percent).toBeGreaterThanOrEqual(0);
      expect(percent).toBeLessThan(50); // it sleeps most of each 50 ms
    } finally {
      probe.stop();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(() => probe.read()).toThrow(); // its /proc entry is gone
  });

  it('ends when the bench that started it dies without stopping it', async () => {
    // a bench process that starts a probe and exits at once (as one that throws or is interrupted would)
    const script = `import { PacedProbe } from ${JSON.stringify(fileURLToPath(new URL('./pacedProbe.ts', import.meta.url)))}; const probe = await PacedProbe.start(); console.log(probe.pid); process.exit(0);`;
    const pid = Number(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
    expect(pid).toBeGreaterThan(0);
    const deadline = Date.now() + 5000;
    while (existsSync(`/proc/${pid}`) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(`/proc/${pid}`)).toBe(false);
  });
});
