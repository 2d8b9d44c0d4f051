import { performance } from 'node:perf_hooks';

/** What an `InputTick` has done since it started (for `/metrics`). */
export interface InputTickStats {
  tickMs: number;
  /** turns of the event loop */
  turns: number;
  /** turns followed by a nap, and how long the naps were in all */
  naps: number;
  nappedMs: number;
  /** turns that accepted a connection (never followed by a nap) */
  acceptTurns: number;
}

export interface InputTickOptions {
  /** the loop takes its input at most once per this many ms while it has time to spare (> 0) */
  tickMs: number;
  /** clock in ms (default `performance.now`) */
  now?: () => number;
  /** blocks the thread for `ms` (default `Atomics.wait` on a cell nobody writes) */
  sleep?: (ms: number) => void;
  /** ms the loop has waited for I/O since it started (default from `performance.eventLoopUtilization`) */
  idleMs?: () => number;
}

type TurnListener = (busyMs: number) => void;

function atomicsSleep(): (ms: number) => void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return (ms) => void Atomics.wait(cell, 0, 0, ms);
}

/**
 * Paces the game server's event loop: after a turn that took less than a tick since the last wake-up, the main
 * thread sleeps out the rest of the tick, and what arrived meanwhile (players' messages, timers, database and
 * Redis answers) is then handled back to back in one turn.
 *
 * Why: on a shared machine, code that runs once every few milliseconds runs cold. The same action cost 295 µs
 * of CPU at 1,000 players (one every 5 ms) and 165 µs at 10,000 (BENCHMARKS.md, session 10): the CPU caches lose
 * the process's code and data between wake-ups. A tick turns many cold wake-ups into one warm one, the trade
 * game servers usually make (Colyseus's default patch rate is the same 50 ms).
 *
 * What it costs: an event waits at most one tick (about half of one on average), and never more when the loop
 * is busy, because a turn that took a tick or longer is not followed by a nap. After a quiet spell the first
 * message is handled at once (the loop was asleep in the poll for I/O, not in a nap). A turn that accepted a
 * connection is not followed by a nap either: libuv accepts one connection per turn, so players joining
 * together would otherwise join one per tick.
 *
 * It hooks the loop with an unreferenced `setImmediate` re-armed each turn: the check phase runs once per turn,
 * and an unreferenced immediate neither keeps the process alive nor stops the loop from sleeping in the poll.
 */
export class InputTick {
  readonly tickMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => void;
  private readonly idleMs: () => number;
  private readonly listeners: TurnListener[] = [];
  private immediate: NodeJS.Immediate | undefined;
  private running = false;
  /** when the loop last woke from a nap (or, with no nap, when its last turn ended) */
  private wokeAt = 0;
  private idleAtWake = 0;
  private acceptedInTurn = false;
  private readonly counts = { turns: 0, naps: 0, nappedMs: 0, acceptTurns: 0 };

  constructor(options: InputTickOptions) {
    if (!(options.tickMs > 0)) throw new Error(`an input tick must be longer than 0 ms, got ${options.tickMs}`);
    this.tickMs = options.tickMs;
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? atomicsSleep();
    this.idleMs = options.idleMs ?? (() => performance.eventLoopUtilization().idle);
  }

  /** Calls `listener` after each turn with how long the loop worked in it (ms; naps and waits for I/O left out). */
  onTurn(listener: TurnListener): void {
    this.listeners.push(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.wokeAt = this.now();
    this.idleAtWake = this.idleMs();
    this.arm();
  }

  /** Back to a free-running loop (at shutdown, so the last saves run at full speed). */
  stop(): void {
    this.running = false;
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = undefined;
  }

  /** A connection was accepted in this turn: the next one comes without a nap (see the class comment). */
  accepted(): void {
    this.acceptedInTurn = true;
  }

  stats(): InputTickStats {
    return { tickMs: this.tickMs, ...this.counts };
  }

  /** The end of a turn of the loop (its check phase): reports the turn, then naps out the rest of the tick. */
  turnEnded(): void {
    const now = this.now();
    const busyMs = Math.max(0, now - this.wokeAt - (this.idleMs() - this.idleAtWake));
    this.counts.turns++;
    for (const listener of this.listeners) listener(busyMs);
    const sinceWake = now - this.wokeAt;
    if (this.acceptedInTurn) this.counts.acceptTurns++;
    else if (sinceWake < this.tickMs) {
      const napMs = this.tickMs - sinceWake;
      this.sleep(napMs);
      this.counts.naps++;
      this.counts.nappedMs += napMs;
    }
    this.acceptedInTurn = false;
    this.wokeAt = this.now();
    this.idleAtWake = this.idleMs();
  }

  private arm(): void {
    this.immediate = setImmediate(() => {
      if (!this.running) return;
      this.turnEnded();
      this.arm();
    });
    this.immediate.unref();
  }
}
