/**
 * Time per combat step, for the combat room's budget (it advances one step every 100 ms; the target is
 * < 1 ms for 200 ships). A plain script: `npx tsx server/bench/combatStep.bench.ts` (about 15 s).
 *
 * Each row runs whole battles (mixed fleets, half the ships per side, new seed per battle) from the first step
 * to the end, after a warm-up, and times every step: the mean covers a battle's whole life, p99 and max its
 * busiest moments (everyone alive and in the melee).
 */
import { performance } from 'node:perf_hooks';
import { createBattle, step, stepInPlace, type BattleState } from '../../shared/src/combat/index';
import { setup } from './mixedBattle';

const SIZES = [10, 100, 200, 500];
const MEASURED_STEPS = 4000;
const WARMUP_STEPS = 1500;

type Impl = { name: string; advance: (state: BattleState) => BattleState };
const IMPLS: Impl[] = [
  { name: 'stepInPlace', advance: (s) => stepInPlace(s) },
  { name: 'step (pure)', advance: (s) => step(s) },
];

function run(ships: number, impl: Impl, steps: number, seed0: number): number[] {
  const times: number[] = [];
  let seed = seed0;
  let state = createBattle(setup(ships, seed));
  while (times.length < steps) {
    if (state.winner !== null) state = createBattle(setup(ships, ++seed));
    const t0 = performance.now();
    state = impl.advance(state);
    times.push(performance.now() - t0);
  }
  return times;
}

const rows: string[][] = [['ships', 'implementation', 'mean µs', 'p99 µs', 'max µs', 'steps']];
for (const ships of SIZES) {
  for (const impl of IMPLS) {
    run(ships, impl, WARMUP_STEPS, 1000);
    const times = run(ships, impl, MEASURED_STEPS, 1);
    const sorted = [...times].sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const p99 = sorted[Math.floor(sorted.length * 0.99)]!;
    const max = sorted[sorted.length - 1]!;
    rows.push([String(ships), impl.name, (mean * 1000).toFixed(1), (p99 * 1000).toFixed(1), (max * 1000).toFixed(1), String(times.length)]);
  }
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const [i, row] of rows.entries()) {
  console.log(`| ${row.map((cell, c) => cell.padStart(widths[c]!)).join(' | ')} |`);
  if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
}
console.log(`node ${process.version}, ${MEASURED_STEPS} measured steps per row after ${WARMUP_STEPS} warm-up steps`);
