// Preloaded into a server process by the load bench's `--stalls` (plain JavaScript: it is imported before tsx).
// Every time the event loop comes back more than 150 ms late, it appends one JSON line to STALL_LOG: how long
// the loop was away, how much of that the main thread ran (from /proc: a thread that ran little was starved of
// CPU; one that ran all along was busy), what the whole process used (GC helper threads included), which garbage
// collections ended meanwhile, and how idle the machine was. It also appends a line for each full collection.
// Observing collections has a cost (about 8 % more CPU at 10,000 players, BENCHMARKS.md session 15), which is why
// only this probe does it and not the server's /metrics.
import { appendFileSync, readFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';

const out = process.env.STALL_LOG;
const THRESHOLD_MS = 150;
const TICK_MS = 20;
const CLOCK_TICK_MS = 10; // USER_HZ = 100 on Linux

if (out) {
  const collections = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = entry.detail?.kind;
      collections.push({ at: entry.startTime + entry.duration, ms: entry.duration, kind });
      // every full collection gets a line of its own, stall or not: the bench counts those in its window
      if (kind === 4) appendFileSync(out, `${JSON.stringify({ fullCollectionAt: Math.round(performance.timeOrigin + entry.startTime + entry.duration), pauseMs: Math.round(entry.duration) })}\n`);
    }
    if (collections.length > 4000) collections.splice(0, 2000);
  }).observe({ entryTypes: ['gc'] });

  const mainThreadMs = () => {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS; // utime + stime
  };
  const machineMs = () => {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { idle: (cpu[3] + cpu[4]) * CLOCK_TICK_MS, total: cpu.reduce((a, b) => a + b, 0) * CLOCK_TICK_MS };
  };

  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let lastMain = mainThreadMs();
  let lastMachine = machineMs();
  const tick = () => {
    const now = performance.now();
    if (now - last > THRESHOLD_MS) {
      const cpu = process.cpuUsage(lastCpu);
      const machine = machineMs();
      const gcs = collections.filter((c) => c.at >= last && c.at <= now);
      const line = {
        endedAt: Date.now(),
        ms: Math.round(now - last),
        mainThreadMs: mainThreadMs() - lastMain,
        processMs: Math.round((cpu.user + cpu.system) / 1000),
        machineIdleMs: machine.idle - lastMachine.idle,
        machineMs: machine.total - lastMachine.total,
        gcMs: Math.round(gcs.reduce((sum, c) => sum + c.ms, 0)),
        longestGcMs: Math.round(Math.max(0, ...gcs.map((c) => c.ms))),
        majorGc: gcs.some((c) => c.kind === 2 || c.kind === 4),
      };
      appendFileSync(out, `${JSON.stringify(line)}\n`);
    }
    last = performance.now();
    lastCpu = process.cpuUsage();
    lastMain = mainThreadMs();
    lastMachine = machineMs();
    setTimeout(tick, TICK_MS).unref();
  };
  setTimeout(tick, TICK_MS).unref();
}
