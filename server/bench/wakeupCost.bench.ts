/**
 * What the same piece of work costs on this machine when it comes alone, against back to back. An event-driven
 * server at 1,000 players (one action every 5 ms) does each action's work after a pause; at 10,000 (one every
 * 0.5 ms) nearly back to back. The load bench found the game server's main thread spending 2–3 times as long per
 * action at 1,000 players as at 10,000 on the same code (BENCHMARKS.md, session 10); this bench shows that cost
 * without any server: one fixed unit of JavaScript (property loads of many shapes over a working set of 20,000
 * objects, and small allocations, as a message's handling does), timed alone.
 *
 * Each row times the unit 400 times: back to back (the baseline), then once after each pause, the pause spent
 * either asleep (setTimeout: the process gives up the CPU) or spinning on the clock (the CPU stays ours but runs
 * none of this work's code or data). Time per unit is wall time around the unit alone (process.hrtime), median
 * and 90th percentile.
 *
 *   cd server && npx tsx bench/wakeupCost.bench.ts      (about 25 s)
 */
import { percentile } from './support/percentile';
import { printTable } from './support/table';

const OBJECTS = 20_000;
const LOADS_PER_UNIT = 400;
const SAMPLES = 400;
const KEYS = Array.from({ length: 50 }, (_, i) => `k${i}`);

type Shape = Record<string, number | string>;
const objects: Shape[] = Array.from({ length: OBJECTS }, (_, i) => ({ [KEYS[i % KEYS.length]!]: i, a: i, b: `x${i}` }));
let sink = 0;

/** The unit of work: keyed loads over many shapes and a few allocations, scattered over the working set. */
function unit(): void {
  let sum = 0;
  for (let j = 0; j < LOADS_PER_UNIT; j++) {
    const object = objects[(j * 7919 + sink) % OBJECTS]!;
    sum += Number(object[KEYS[j % KEYS.length]!] ?? object.a);
    const pair = { sum, name: object.b };
    sink = (sink + pair.sum) & 0xffff;
  }
}

function timeUnit(): number {
  const started = process.hrtime.bigint();
  unit();
  return Number(process.hrtime.bigint() - started) / 1000;
}

function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  for (let i = 0; i < 20_000; i++) unit(); // optimized before anything is timed

  const rows: Array<{ label: string; times: number[] }> = [];
  rows.push({ label: 'back to back (baseline)', times: Array.from({ length: SAMPLES }, timeUnit) });
  for (const pauseMs of [0.5, 1, 5, 20]) {
    const spun: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      spin(pauseMs);
      spun.push(timeUnit());
    }
    rows.push({ label: `after ${pauseMs} ms spinning`, times: spun });
    if (pauseMs < 1) continue; // a timer sleeps at least 1 ms
    const slept: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      await sleep(pauseMs);
      slept.push(timeUnit());
    }
    rows.push({ label: `after ${pauseMs} ms asleep`, times: slept });
  }

  for (const row of rows) row.times.sort((a, b) => a - b);
  const baseline = percentile(rows[0]!.times, 50);
  console.log(`\nWakeup cost: one unit of work (${LOADS_PER_UNIT} property loads over ${OBJECTS.toLocaleString('en-US')} objects), ${SAMPLES} times per row`);
  printTable([
    ['when the unit runs', 'median µs', 'p90 µs', '× back to back'],
    ...rows.map(({ label, times }) => [label, percentile(times, 50).toFixed(1), percentile(times, 90).toFixed(1), (percentile(times, 50) / baseline).toFixed(2)]),
  ]);
}

await main();
