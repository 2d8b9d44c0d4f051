/**
 * How long a run lets the server settle after the last join, and how long it then measures: at least the given
 * times, and at least the given numbers of actions from all players together (a player sends one every
 * `ACTION_INTERVAL_MS`), so a small N is measured at its steady state, as a large one is.
 *
 * Why actions and not only seconds: what a server does now and then comes per action, not per second. V8
 * optimizes a function once it has run some thousand times; with 1,000 players the game server's optimizing
 * compiler was still 10.5 % of its CPU 10–40 s after the joins, 6.3 % 40–70 s after and 2.2 % 70–100 s after
 * (`perf`, BENCHMARKS.md, session 21), where 10,000 players reach the same counts in a tenth of the time. And a
 * window must be long enough to hold the garbage collections of a steady state in their share: a 30-s window at
 * 1,000 players either held the collection that follows the joins' growth of the heap, or did not (the same
 * code read 3.4 % and 5.6 % of a core).
 */
import { ACTION_INTERVAL_MS } from './workload';

export interface PhaseOptions {
  /** at least this long to settle, and to measure (ms) */
  settleMs: number;
  windowMs: number;
  /** and at least this many actions from all players together in each (0: time alone) */
  settleActions: number;
  windowActions: number;
}

/** The settle and window of a run with `players` connected (ms, whole seconds). */
export function runPhases(players: number, options: PhaseOptions): { settleMs: number; windowMs: number } {
  const actionsPerSecond = (players * 1000) / ACTION_INTERVAL_MS;
  const atLeast = (ms: number, actions: number) => Math.max(ms, Math.ceil(actions / actionsPerSecond) * 1000);
  return { settleMs: atLeast(options.settleMs, options.settleActions), windowMs: atLeast(options.windowMs, options.windowActions) };
}
