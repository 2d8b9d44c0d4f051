import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

let ticksPerSecond: number | undefined;

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`, 100 on every common Linux). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU a process has used so far, every thread (JS, GC, libuv pool) included, read from /proc/<pid>/stat. */
export interface CpuReading {
  userMs: number;
  systemMs: number;
  /** when it was read (performance.now() of the reader) */
  atMs: number;
}

export function readCpu(pid: number): CpuReading {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const tick = 1000 / clockTicks();
  // fields 14 and 15 of the whole line (utime, stime) are 12 and 13 here (the line's field 3 is index 0)
  return { userMs: Number(fields[11]) * tick, systemMs: Number(fields[12]) * tick, atMs: performance.now() };
}

/** CPU used between two readings, in ms of CPU per second of wall time (1000 = one core busy). */
export function cpuBetween(before: CpuReading, after: CpuReading): { msPerSecond: number; systemMsPerSecond: number } {
  const seconds = (after.atMs - before.atMs) / 1000;
  return {
    msPerSecond: (after.userMs + after.systemMs - before.userMs - before.systemMs) / seconds,
    systemMsPerSecond: (after.systemMs - before.systemMs) / seconds,
  };
}

/** Resident memory of a process now and at its peak, in bytes, from /proc/<pid>/status. */
export function readMemory(pid: number): { rssBytes: number; peakRssBytes: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM') };
}

/** The machine, for a benchmark's header: CPU model, cores, memory, Node, OS. */
export function describeMachine(): string {
  let model = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    const line = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (line?.[1]) model = line[1].trim();
  } catch {
    // not Linux: os.cpus() it is
  }
  const mhz = os.cpus()[0]?.speed;
  const gib = Math.round(os.totalmem() / 2 ** 30);
  return `${model}${mhz ? ` (${mhz} MHz)` : ''}, ${os.cpus().length} cores, ${gib} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
}

/** CPU time the whole machine has been busy (every core, every process), in ms, from /proc/stat. */
export function readMachineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!; // "cpu  user nice system idle iowait irq softirq steal ..."
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) * (1000 / clockTicks());
}
