import { performance } from 'node:perf_hooks';
import type { Logger } from '../logger';
import { nextTurn } from '../transport/InputTick';

/** What a live town asks to be woken for: its next completion (an upgrade done, a ship out of the shipyard). */
export interface TownEvent {
  /** Called once the time given to `TownEventClock.set` has come; errors are the callee's to report. */
  due(): void;
}

/** A town's place in the clock: one per room, reused for each of its events (nothing is allocated per change). */
export class TownEventSlot {
  /** when the event is due (ms since the epoch); Infinity while none is set */
  at = Infinity;
  /** position in the clock's heap; -1 while not in it */
  index = -1;
  constructor(readonly event: TownEvent) {}
}

export interface TownEventClockOptions {
  /** the server clock, ms since the epoch */
  now: () => number;
  logger: Logger;
  /** CPU time one wake-up may spend on due events before it yields to the event loop (default 4 ms) */
  budgetMs?: number;
}

/** Node's timers hold at most 2^31 − 1 ms (about 24.8 days); a later event is re-armed when that passes. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Every live town's next event on one timer. A town sets its slot after each change (`set`), the clock keeps the
 * slots in a binary heap by time and wakes for the earliest; due towns are called in time order, a few
 * milliseconds of them at a time with a turn of the event loop in between, like `AutosaveQueue`.
 *
 * A timer per room made each change allocate a Node `Timeout` and its closure that lived until the next change
 * (seconds to minutes), so each was promoted to the old generation only to die there (BENCHMARKS.md, session 7).
 *
 * The heap is 4-ary, and the slots' times are also kept in heap order in a typed array: with 10,000 towns,
 * comparing times through the slots (scattered over a large heap) cost a cache miss each, and removing a town
 * (a cancelled order) took about 5 µs; here a step down compares four neighbouring numbers, and there are half
 * as many steps.
 */
export class TownEventClock {
  private readonly heap: TownEventSlot[] = [];
  /** `heap[i].at` at `times[i]`, grown by doubling */
  private times = new Float64Array(1024);
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly budgetMs: number;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private immediate: NodeJS.Immediate | undefined;
  private stopped = false;

  constructor(options: TownEventClockOptions) {
    this.now = options.now;
    this.logger = options.logger;
    this.budgetMs = options.budgetMs ?? 4;
  }

  /** Towns waiting for an event. */
  get size(): number {
    return this.heap.length;
  }

  /** Sets (or moves) the slot's event to `at`; `null` clears it. */
  set(slot: TownEventSlot, at: number | null): void {
    if (at === null) {
      this.remove(slot);
      return;
    }
    if (slot.index < 0) {
      slot.at = at;
      this.heap.push(slot);
      if (this.heap.length > this.times.length) this.grow();
      this.up(this.heap.length - 1, slot);
    } else {
      const earlier = at < slot.at;
      slot.at = at;
      if (earlier) this.up(slot.index, slot);
      else this.down(slot.index, slot);
    }
    this.arm();
  }

  /** Stops the clock: no event is called after this. */
  stop(): void {
    this.stopped = true;
    this.disarm();
    for (const slot of this.heap) {
      slot.index = -1;
      slot.at = Infinity;
    }
    this.heap.length = 0;
  }

  private remove(slot: TownEventSlot): void {
    const i = slot.index;
    slot.index = -1;
    slot.at = Infinity;
    if (i < 0) return;
    const last = this.heap.pop()!;
    if (last === slot) return;
    // the last slot fills the hole: up if it is earlier than the hole's parent, else down
    if (i > 0 && last.at < this.times[(i - 1) >> 2]!) this.up(i, last);
    else this.down(i, last);
  }

  private readonly wake = (): void => {
    this.timer = this.immediate = undefined;
    this.timerAt = Infinity;
    const started = performance.now();
    let called = 0;
    // Node timers may fire up to a millisecond early; an event is taken once its time has come
    while (!this.stopped && this.heap.length > 0 && this.heap[0]!.at <= this.now()) {
      if (called > 0 && performance.now() - started >= this.budgetMs) break;
      const slot = this.heap[0]!;
      this.remove(slot);
      called++;
      try {
        slot.event.due();
      } catch (error) {
        this.logger.error('a town event failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    }
    this.arm();
  };

  /** Wakes for the earliest slot: at once when due (after a turn of the event loop), else by timer. */
  private arm(): void {
    if (this.stopped || this.immediate) return;
    const first = this.heap[0];
    if (!first) {
      this.disarm();
      return;
    }
    // an armed timer that comes no later is kept (it wakes, finds nothing due, and re-arms): moving the first
    // event later, as most changes of the earliest town do, costs no new timer
    if (this.timer && this.timerAt <= first.at) return;
    this.disarm();
    const wait = first.at - this.now();
    if (wait <= 0) {
      this.immediate = nextTurn(this.wake); // no nap of a paced loop before it
      return;
    }
    // one millisecond late rather than early: Node may fire a timer up to a millisecond before its time
    this.timerAt = first.at;
    this.timer = setTimeout(this.wake, Math.min(Math.ceil(wait) + 1, MAX_TIMER_MS));
    this.timer.unref?.();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = this.immediate = undefined;
    this.timerAt = Infinity;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.times = times;
  }

  /** Places `slot` at `i` or above it: parents later than it move down. */
  private up(i: number, slot: TownEventSlot): void {
    const { heap, times } = this;
    const at = slot.at;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      if (times[parent]! <= at) break;
      const above = heap[parent]!;
      heap[i] = above;
      times[i] = times[parent]!;
      above.index = i;
      i = parent;
    }
    heap[i] = slot;
    times[i] = at;
    slot.index = i;
  }

  /** Places `slot` at `i` or below it: the earliest of the children earlier than it moves up. */
  private down(i: number, slot: TownEventSlot): void {
    const { heap, times } = this;
    const n = heap.length;
    const at = slot.at;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      const end = Math.min(first + 4, n);
      let child = first;
      for (let c = first + 1; c < end; c++) if (times[c]! < times[child]!) child = c;
      if (times[child]! >= at) break;
      const below = heap[child]!;
      heap[i] = below;
      times[i] = times[child]!;
      below.index = i;
      i = child;
    }
    heap[i] = slot;
    times[i] = at;
    slot.index = i;
  }
}
