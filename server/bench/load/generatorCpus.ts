/**
 * Which CPUs the load generators run on. They stand in for players on other machines, but here they share the
 * server's machine: unpinned, the scheduler runs them on whichever core is free, often the one the server's
 * event loop just left, and between two of its ticks they replace the server's code and data in that core's
 * caches. Pinned to the machine's upper half of CPUs (CPU 1 of 2), they leave the other core's caches to the
 * server, as players elsewhere would. The server itself is never pinned: it may use every core.
 *
 * Measured on 2 cores at 1,000 players, our server alone, interleaved: 3.7 and 4.3 % of a core unpinned,
 * 3.4 and 3.3 pinned (BENCHMARKS.md, session 23).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { findProgram } from '../../../scripts/services/availability';

/** `taskset` CPU list for the generators on a machine with `cpuCount` CPUs: its upper half; null below 2 CPUs. */
export function defaultGeneratorCpus(cpuCount: number): string | null {
  if (cpuCount < 2) return null;
  const first = Math.ceil(cpuCount / 2);
  return first === cpuCount - 1 ? String(first) : `${first}-${cpuCount - 1}`;
}

/** What `--generator-cpus` asks for: `none`, a `taskset` list like `1` or `2-3,5`, or (absent or empty) the default. */
export function parseGeneratorCpus(option: string | undefined, cpuCount = os.cpus().length): string | null {
  if (option === undefined || option === '') return defaultGeneratorCpus(cpuCount);
  if (option === 'none') return null;
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(option)) throw new Error(`--generator-cpus takes none or a CPU list like 1 or 2-3, got ${option}`);
  for (const cpu of option.split(/[,-]/).map(Number)) {
    if (cpu >= cpuCount) throw new Error(`--generator-cpus: this machine has CPUs 0–${cpuCount - 1}, not ${cpu}`);
  }
  return option;
}

/** Why the generators cannot be pinned here (not Linux, no `taskset`), or null when they can. */
export function pinningUnavailable(): string | null {
  if (process.platform !== 'linux') return `not on Linux (${process.platform})`;
  return findProgram(['taskset']) ? null : '`taskset` not found (Debian package util-linux)';
}

/** Pins every thread of process `pid` to `cpus` (threads it starts later inherit its main thread's CPUs). */
export function pinProcess(pid: number, cpus: string): void {
  execFileSync('taskset', ['--all-tasks', '--pid', '--cpu-list', cpus, String(pid)], { stdio: 'ignore' });
}
