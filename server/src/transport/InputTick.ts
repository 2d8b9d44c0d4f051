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
  /** turns that ended while a request was being answered (never followed by a nap; some also accepted one) */
  heldTurns: number;
  /** requests being answered now: HTTP requests, and WebSocket joins until the client's first message */
  holds: number;
  /** answers whose client's next step is awaited now (`awaitFollowUp`), and how many such waits ran out */
  followUps: number;
  followUpsTimedOut: number;
  /** the share of the last measured second the loop was busy (naps and waits for I/O left out), 0–1 */
  busyShare: number;
  /** 1 while the loop is quiet enough to be paced, 0 while it runs free */
  pacing: number;
}

/** The loop is paced only while it is busy less than this share of the time (see `InputTick`). */
export const QUIET_BUSY_SHARE = 0.15;
/** How long the busy share is measured over before pacing is switched on or off. */
const SHARE_PERIOD_MS = 1000;

export interface InputTickOptions {
  /** the loop takes its input at most once per this many ms while it has time to spare (> 0) */
  tickMs: number;
  /** clock in ms (default `performance.now`) */
  now?: () => number;
  /** blocks the thread for `ms` (default `Atomics.wait` on a cell nobody writes) */
  sleep?: (ms: number) => void;
  /** ms the loop has waited for I/O since it started (default `performance.nodeTiming.idleTime`) */
  idleMs?: () => number;
  /** pace only while the loop is busy less than this share of the time (default `QUIET_BUSY_SHARE`) */
  quietBusyShare?: number;
}

type TurnListener = (busyMs: number) => void;

/** The tick pacing this process's event loop, if one does (there is one loop per process). */
let pacing: InputTick | undefined;

/**
 * `setImmediate` for work that yields to the event loop between slices and goes on in the next turn (the
 * autosave queue, the town event clock): the loop takes no nap before that turn. A paced loop would otherwise
 * stretch such work by a whole tick per slice (paced at 16,000 players, the autosave queue fell behind: p99 1.2 s,
 * against 0.3 s with this; BENCHMARKS.md, session 11).
 */
export function nextTurn(callback: () => void): NodeJS.Immediate {
  pacing?.hurry();
  return setImmediate(callback);
}

function atomicsSleep(): (ms: number) => void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return (ms) => void Atomics.wait(cell, 0, 0, ms);
}

/**
 * Paces the game server's event loop while it is quiet: after a turn that took less than a tick since the last
 * wake-up, the main thread sleeps out the rest of the tick, and what arrived meanwhile (players' messages,
 * timers, database and Redis answers) is then handled back to back in one turn.
 *
 * Why: on a shared machine, code that runs once every few milliseconds runs cold. The same action cost 295 µs
 * of CPU at 1,000 players (one every 5 ms) and 165 µs at 10,000 (BENCHMARKS.md, session 10): the CPU caches lose
 * the process's code and data between wake-ups. A tick turns many cold wake-ups into one warm one, the trade
 * game servers usually make (Colyseus's default patch rate is the same 50 ms).
 *
 * Only while quiet: each second the loop measures the share of time it was busy, and naps only while that share
 * is under `QUIET_BUSY_SHARE`. A busy loop's work comes back to back anyway, so its caches stay warm, and naps
 * only add latency and bunch the work up (16,000 players, minutes apart: p50 from action to result 63 ms paced,
 * 29 ms running free; BENCHMARKS.md, session 11).
 *
 * What it costs: an event waits at most one tick (about half of one on average), and never more when the loop
 * is busy, because a turn that took a tick or longer is not followed by a nap. After a quiet spell the first
 * message is handled at once (the loop was asleep in the poll for I/O, not in a nap). A turn that accepted a
 * connection is not followed by a nap either: libuv accepts one connection per turn, so players joining
 * together would otherwise join one per tick. Nor is one after which work was queued with `nextTurn`, nor any
 * while a request is being answered (`hold`): an HTTP request (matchmaking), or a WebSocket join until the
 * client's first message (`GameTransport`); a join goes through the loop in several steps. Nor any between a
 * matchmaking answer and the client's next step (`awaitFollowUp`): a join is two connections, and the second
 * comes a round trip after the first one's answer.
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
  /** work that ends every turn, before it is measured and before any nap (`atEachTurnEnd`) */
  private readonly turnEnders: Array<() => void> = [];
  private immediate: NodeJS.Immediate | undefined;
  private running = false;
  /** when the loop last woke from a nap (or, with no nap, when its last turn ended) */
  private wokeAt = 0;
  private idleAtWake = 0;
  private acceptedInTurn = false;
  /** work was queued for the next turn (`nextTurn`) */
  private hurried = false;
  /** requests being answered (`hold`): their next steps come without naps */
  private held = 0;
  /** holds until a client's next step arrives, oldest first (`awaitFollowUp`) */
  private readonly followUps: Array<{ release: () => void; timer: NodeJS.Timeout }> = [];
  private readonly counts = { turns: 0, naps: 0, nappedMs: 0, acceptTurns: 0, heldTurns: 0, followUpsTimedOut: 0 };
  private readonly quietBusyShare: number;
  /** the busy share of the current measuring period, so far */
  private periodStartedAt = 0;
  private periodBusyMs = 0;
  private busyShare = 1;

  constructor(options: InputTickOptions) {
    if (!(options.tickMs > 0)) throw new Error(`an input tick must be longer than 0 ms, got ${options.tickMs}`);
    this.tickMs = options.tickMs;
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? atomicsSleep();
    this.idleMs = options.idleMs ?? (() => performance.nodeTiming.idleTime);
    this.quietBusyShare = options.quietBusyShare ?? QUIET_BUSY_SHARE;
  }

  /** Calls `listener` after each turn with how long the loop worked in it (ms; naps and waits for I/O left out). */
  onTurn(listener: TurnListener): void {
    this.listeners.push(listener);
  }

  /**
   * Runs `callback` at the end of each turn, before the turn is measured and before the loop may nap: work
   * the turn left to its end, such as the writes it held (`releaseHeldWrites`), goes out before the nap.
   */
  atEachTurnEnd(callback: () => void): void {
    this.turnEnders.push(callback);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    pacing = this;
    this.wokeAt = this.periodStartedAt = this.now();
    this.idleAtWake = this.idleMs();
    this.periodBusyMs = 0;
    this.busyShare = 1; // free until a first second has shown the loop quiet
    this.arm();
  }

  /** Back to a free-running loop (at shutdown, so the last saves run at full speed). */
  stop(): void {
    this.running = false;
    if (pacing === this) pacing = undefined;
    while (this.followUps.length > 0) this.followUpArrived();
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = undefined;
  }

  /** A connection was accepted in this turn: the next one comes without a nap (see the class comment). */
  accepted(): void {
    this.acceptedInTurn = true;
  }

  /** Work waits for the next turn: that turn comes without a nap (see `nextTurn`). */
  hurry(): void {
    this.hurried = true;
  }

  /**
   * A request is being answered in steps through the event loop (an HTTP request: matchmaking, a seat, the
   * token's check on the thread pool, the database): no naps until the returned release is called, so its
   * steps follow each other at once instead of a tick apart.
   */
  hold(): () => void {
    this.held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
    };
  }

  /**
   * An answer went out and the same client's next step follows it within a round trip: after matchmaking, its
   * WebSocket; after a CORS preflight, its request. Without this the loop would nap as the answer left, and the
   * next step would wait out that nap (a lone join on a quiet server spent a tick there). So the loop is held
   * until `followUpArrived` (a request or WebSocket upgrade from anyone: the waits are counted, not matched to
   * clients) or for at most `withinMs`, for a client that never comes (or connects to another machine).
   */
  awaitFollowUp(withinMs: number): void {
    const release = this.hold();
    const entry = {
      release,
      timer: setTimeout(() => {
        const index = this.followUps.indexOf(entry);
        if (index === -1) return;
        this.followUps.splice(index, 1);
        this.counts.followUpsTimedOut++;
        release();
      }, withinMs),
    };
    entry.timer.unref();
    this.followUps.push(entry);
  }

  /** A client's request or WebSocket upgrade arrived: the oldest `awaitFollowUp` ends. */
  followUpArrived(): void {
    const entry = this.followUps.shift();
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.release();
  }

  stats(): InputTickStats {
    return { tickMs: this.tickMs, ...this.counts, holds: this.held, followUps: this.followUps.length, busyShare: Math.round(this.busyShare * 1000) / 1000, pacing: this.quiet ? 1 : 0 };
  }

  private get quiet(): boolean {
    return this.busyShare < this.quietBusyShare;
  }

  /** The end of a turn of the loop (its check phase): reports the turn, then naps out the rest of the tick. */
  turnEnded(): void {
    for (const callback of this.turnEnders) callback();
    const now = this.now();
    const idle = this.idleMs(); // the same after a nap: a nap is not time waiting for I/O
    const busyMs = Math.max(0, now - this.wokeAt - (idle - this.idleAtWake));
    this.counts.turns++;
    for (const listener of this.listeners) listener(busyMs);
    this.periodBusyMs += busyMs;
    if (now - this.periodStartedAt >= SHARE_PERIOD_MS) {
      this.busyShare = this.periodBusyMs / (now - this.periodStartedAt);
      this.periodStartedAt = now;
      this.periodBusyMs = 0;
    }
    const sinceWake = now - this.wokeAt;
    if (this.acceptedInTurn) this.counts.acceptTurns++;
    if (this.held > 0) this.counts.heldTurns++;
    const nap = !this.acceptedInTurn && this.held === 0 && !this.hurried && this.quiet && sinceWake < this.tickMs;
    if (nap) {
      const napMs = this.tickMs - sinceWake;
      this.sleep(napMs);
      this.counts.naps++;
      this.counts.nappedMs += napMs;
    }
    this.acceptedInTurn = this.hurried = false;
    this.wokeAt = nap ? this.now() : now;
    this.idleAtWake = idle;
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
