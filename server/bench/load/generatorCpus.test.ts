import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { findProgram, serviceAvailable } from '../../../scripts/services/availability';
import { defaultGeneratorCpus, parseGeneratorCpus, pinProcess } from './generatorCpus';

describe('the load generators’ CPUs', () => {
  it('default to the machine’s upper half, and to none on one CPU', () => {
    expect(defaultGeneratorCpus(1)).toBeNull();
    expect(defaultGeneratorCpus(2)).toBe('1');
    expect(defaultGeneratorCpus(3)).toBe('2');
    expect(defaultGeneratorCpus(4)).toBe('2-3');
    expect(defaultGeneratorCpus(8)).toBe('4-7');
  });

  it('take none, a CPU list, or the default; refuse anything else with a clear error', () => {
    expect(parseGeneratorCpus(undefined, 2)).toBe('1');
    expect(parseGeneratorCpus('', 4)).toBe('2-3');
    expect(parseGeneratorCpus('none', 4)).toBeNull();
    expect(parseGeneratorCpus('0,2-3', 4)).toBe('0,2-3');
    expect(() => parseGeneratorCpus('one', 2)).toThrow(/none or a CPU list/);
    expect(() => parseGeneratorCpus('1-', 2)).toThrow(/none or a CPU list/);
    expect(() => parseGeneratorCpus('2', 2)).toThrow(/CPUs 0–1, not 2/);
  });

  // a real process, pinned with the real taskset: what the bench does to each generator
  const twoCpus = os.cpus().length >= 2;
  if (!twoCpus) console.warn('skipping: pinning a process to a CPU (this machine has one CPU)');
  const canPin = twoCpus && process.platform === 'linux' && serviceAvailable({ name: 'taskset', program: findProgram(['taskset']), install: 'sudo apt-get install util-linux' }, 'pinning a process to a CPU');
  it.skipIf(!canPin)('pins every thread of a running process', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      pinProcess(child.pid!, '1');
      for (const task of readdirSync(`/proc/${child.pid}/task`)) {
        const status = readFileSync(`/proc/${child.pid}/task/${task}/status`, 'utf8');
        expect(/^Cpus_allowed_list:\s*(.+)$/m.exec(status)?.[1]).toBe('1');
      }
      expect(() => pinProcess(child.pid!, '99')).toThrow();
    } finally {
      child.kill('SIGKILL');
    }
  });
});
