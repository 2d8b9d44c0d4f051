import type { Logger } from '../logger';
import type { ClaimedEvent, EventQueue } from '../persistence/EventQueue';
import { exponentialBackoff } from './retryDelay';
import { createWorkerId } from './workerId';

/**
 * Does what a scheduled event stands for. Delivery is at-least-once — a worker that crashes after the work but
 * before `complete`, or overruns its lease, leaves the event to be run again — so a handler must be idempotent:
 * at-least-once delivery + idempotent handlers = exactly-once effect. Key every effect on something stable
 * (the event's dedupe key, a fleet or battle id: towns remember the ids they applied; fleets refuse a status
 * move already made) and use `event.dueAt` — not the wall clock — as the moment it happened, so a late or
 * repeated run computes the same result. Throw to have it retried with backoff.
 */
export type EventHandler = (event: ClaimedEvent) => Promise<void>;

/** The timer functions the scheduler uses; tests pass their own. */
export interface SchedulerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerOptions {
  queue: EventQueue;
  logger: Logger;
  /** unique per process and scheduler; generated when omitted (see createWorkerId) */
  workerId?: string;
  /** how often due events are looked for; an event runs at most about this long after it is due (default 500) */
  pollMs?: number;
  /**
   * When longer than `pollMs`: after each poll the scheduler asks the queue when the next event falls due
   * (`nextDueAt`) and sleeps until then, but no longer than this (default: `pollMs`, a poll every `pollMs`).
   * Events scheduled meanwhile must be announced with `dueBy`, or they wait for the next poll; the game server
   * announces the ones it schedules, and an event another process scheduled is that process's to run on time
   * (this one finds it within `idlePollMs` if that process goes away). An idle server polls its database a
   * tenth as often.
   */
  idlePollMs?: number;
  /**
   * How long a claim holds (default 5 minutes). There is no lease renewal: handlers are short (a few database
   * writes; even resolving a whole battle offline is a fast loop), so a lease hundreds of times longer than a
   * handler run is simpler than renewing. Its cost: events claimed by a process that then crashes wait this long
   * before another process takes them over. A handler that overruns it may run twice at once in two processes;
   * idempotent handlers make that harmless, and within one process the same event never runs twice at once.
   */
  leaseMs?: number;
  /** how many events may run at once in this scheduler (default 16) */
  maxConcurrent?: number;
  /** wait before retrying after a handler failed on its `attempts`-th claim (default: 1 s doubling to 5 min) */
  retryDelayMs?: (attempts: number) => number;
  /** how long a done event is kept before it is deleted (default 7 days); its dedupe key holds that long */
  keepDoneMs?: number;
  /** how long a failed event is kept after it was created, for whoever looks into it (default 30 days) */
  keepFailedMs?: number;
  /** how often this scheduler deletes the events kept long enough (default hourly, and at start) */
  pruneEveryMs?: number;
  /** the clock (default: the system clock) */
  now?: () => Date;
  /** the timer functions (default: the global ones) */
  timers?: SchedulerTimers;
}

const DEFAULT_POLL_MS = 500;
const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_MAX_CONCURRENT = 16;
const DAY_MS = 24 * 60 * 60_000;
const DEFAULT_KEEP_DONE_MS = 7 * DAY_MS;
const DEFAULT_KEEP_FAILED_MS = 30 * DAY_MS;
const DEFAULT_PRUNE_EVERY_MS = 60 * 60_000;

const globalTimers: SchedulerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs scheduled events on time whether or not any player or room is online: polls the queue for due events,
 * claims them for this worker (exclusive across processes while the lease holds), runs the handler registered
 * for each kind, then completes the event, or gives it back with a backoff retry if the handler threw. Events
 * that fell due while no server was running are found by the first poll after `start()`. Now and then it
 * also deletes events finished long ago, so the table holds what is pending plus about a week of history.
 */
export class Scheduler {
  readonly workerId: string;
  private readonly queue: EventQueue;
  private readonly logger: Logger;
  private readonly pollMs: number;
  private readonly idlePollMs: number;
  private readonly leaseMs: number;
  private readonly maxConcurrent: number;
  private readonly retryDelayMs: (attempts: number) => number;
  private readonly keepDoneMs: number;
  private readonly keepFailedMs: number;
  private readonly pruneEveryMs: number;
  /** when this scheduler last deleted old events (ms), or undefined before the first time */
  private prunedAt: number | undefined;
  private readonly now: () => Date;
  private readonly timers: SchedulerTimers;
  private readonly handlers = new Map<string, EventHandler>();
  /** events running in this scheduler, by id: never started twice at once */
  private readonly running = new Map<string, Promise<void>>();
  private timer: unknown = undefined;
  /** when (this.now(), ms) the timer is set to poll next */
  private nextPollAt = Number.POSITIVE_INFINITY;
  /** when the last turn of the loop started (ms): polls come at least `pollMs` apart unless woken */
  private lastTurnAt = Number.NEGATIVE_INFINITY;
  /** the earliest due time announced (`dueBy`) while a turn was under way, for that turn to plan by */
  private announcedInTurn = Number.POSITIVE_INFINITY;
  private polling: Promise<number> | undefined;
  /** a wake-up came while a turn of the loop was under way: poll again right after it */
  private pollAgain = false;
  /** a turn of the loop is under way (it reschedules itself at its end) */
  private ticking = false;
  private started = false;
  /** the last poll filled every free slot: the next handler to finish wakes the loop */
  private drainWhenFree = false;
  private stopping: Promise<void> | undefined;

  constructor(options: SchedulerOptions) {
    this.queue = options.queue;
    this.logger = options.logger;
    this.workerId = options.workerId ?? createWorkerId();
    this.pollMs = positive(options.pollMs ?? DEFAULT_POLL_MS, 'pollMs');
    this.idlePollMs = Math.max(this.pollMs, positive(options.idlePollMs ?? this.pollMs, 'idlePollMs'));
    this.leaseMs = positive(options.leaseMs ?? DEFAULT_LEASE_MS, 'leaseMs');
    this.maxConcurrent = positive(options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT, 'maxConcurrent');
    if (!Number.isInteger(this.maxConcurrent)) throw new TypeError('scheduler: maxConcurrent must be an integer');
    this.retryDelayMs = options.retryDelayMs ?? exponentialBackoff();
    this.keepDoneMs = positive(options.keepDoneMs ?? DEFAULT_KEEP_DONE_MS, 'keepDoneMs');
    this.keepFailedMs = positive(options.keepFailedMs ?? DEFAULT_KEEP_FAILED_MS, 'keepFailedMs');
    this.pruneEveryMs = positive(options.pruneEveryMs ?? DEFAULT_PRUNE_EVERY_MS, 'pruneEveryMs');
    this.now = options.now ?? (() => new Date());
    this.timers = options.timers ?? globalTimers;
  }

  /** Registers the handler for `kind` (one per kind). Only kinds with a handler are claimed. */
  on(kind: string, handler: EventHandler): this {
    if (this.handlers.has(kind)) throw new Error(`scheduler: a handler for "${kind}" is already registered`);
    this.handlers.set(kind, handler);
    return this;
  }

  /** Starts polling; the first poll runs at once, so events missed while no server ran are picked up now. */
  start(): void {
    if (this.stopping) throw new Error('scheduler: cannot start after stop()');
    if (this.started) return;
    this.started = true;
    this.logger.info('scheduler started', { workerId: this.workerId, kinds: [...this.handlers.keys()], pollMs: this.pollMs, idlePollMs: this.idlePollMs });
    this.scheduleTick(0);
  }

  /**
   * Polls as soon as possible instead of at the next interval: call it after scheduling an event due now. Also
   * used internally to drain a backlog faster than one batch per interval.
   */
  wake(): void {
    if (!this.started || this.stopping) return;
    // Mid-turn, the turn's own rescheduling would override ours: ask it to come back at once instead.
    if (this.ticking || this.polling) {
      this.pollAgain = true;
      return;
    }
    this.scheduleTick(0);
  }

  /**
   * An event was scheduled that falls due at `dueAt`: poll for it then (at once if it is due; still at least
   * `pollMs` after the last poll), if the next poll would come later. Needed only with `idlePollMs`.
   */
  dueBy(dueAt: Date): void {
    if (!this.started || this.stopping) return;
    const due = dueAt.getTime();
    if (this.ticking) {
      this.announcedInTurn = Math.min(this.announcedInTurn, due);
      return;
    }
    const at = Math.max(due, this.lastTurnAt + this.pollMs);
    if (at < this.nextPollAt) this.scheduleTick(Math.max(0, at - this.now().getTime()));
  }

  /**
   * Claims due events (up to the free capacity) and starts their handlers; resolves with how many it started,
   * once they are started (not finished: see `idle`). Concurrent calls share one poll. Used by the timer loop;
   * tests call it directly with a fake clock.
   */
  pollOnce(): Promise<number> {
    this.polling ??= this.claimAndDispatch().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  /** Resolves once no handler is running here, including handlers started while waiting. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** How many handlers are running now. */
  get inFlight(): number {
    return this.running.size;
  }

  /**
   * Stops polling and resolves once the poll under way and every running handler have finished. Events not
   * claimed yet stay in the queue for the next start (or another process). Call it on shutdown before the
   * rooms and the database client go away. Safe to call more than once.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
      this.timer = undefined;
      await this.polling?.catch(() => {});
      const waitingFor = this.running.size;
      await this.idle();
      this.logger.info('scheduler stopped', { workerId: this.workerId, waitedForHandlers: waitingFor });
    })();
    return this.stopping;
  }

  private scheduleTick(delayMs: number): void {
    if (this.stopping) return;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.nextPollAt = this.now().getTime() + delayMs;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.nextPollAt = Number.POSITIVE_INFINITY;
      void this.tick();
    }, delayMs);
  }

  /**
   * How long to wait before the next poll when none is needed at once: `pollMs`; or, with an `idlePollMs`, until
   * the next event falls due (at least `pollMs`, at most `idlePollMs`).
   */
  private async nextPollDelay(): Promise<number> {
    if (this.idlePollMs === this.pollMs || this.drainWhenFree) return this.pollMs;
    let due: Date | null;
    try {
      due = await this.queue.nextDueAt([...this.handlers.keys()]);
    } catch (error) {
      this.logger.error('scheduler could not read when the next event is due', { workerId: this.workerId, error: String(error) });
      return this.pollMs;
    }
    // read after the query: an event announced while it ran may not be in its answer
    const next = Math.min(this.announcedInTurn, due ? due.getTime() : Number.POSITIVE_INFINITY);
    return Math.min(this.idlePollMs, Math.max(this.pollMs, next - this.now().getTime()));
  }

  /** One turn of the loop: poll, then come back after `nextPollDelay` (at once if woken meanwhile). */
  private async tick(): Promise<void> {
    this.ticking = true;
    this.lastTurnAt = this.now().getTime();
    try {
      const capacity = this.maxConcurrent - this.running.size;
      // Every free slot filled (or none free): more may be due, so the next handler to finish wakes the loop
      // rather than leaving a backlog (say, after downtime) to drain one batch per interval.
      if (capacity <= 0 || (await this.pollOnce()) === capacity) this.drainWhenFree = true;
    } catch (error) {
      // A database hiccup must not end the loop: log it and try again at the next interval.
      this.logger.error('scheduler poll failed', { workerId: this.workerId, error: String(error) });
    }
    await this.pruneWhenDue();
    const delayMs = this.pollAgain ? 0 : await this.nextPollDelay();
    this.ticking = false;
    const again = this.pollAgain;
    this.pollAgain = false;
    this.announcedInTurn = Number.POSITIVE_INFINITY;
    this.scheduleTick(again ? 0 : delayMs);
  }

  /** Deletes events kept long enough, at most every `pruneEveryMs` (every process does; deleting twice is harmless). */
  private async pruneWhenDue(): Promise<void> {
    const now = this.now().getTime();
    if (this.prunedAt !== undefined && now - this.prunedAt < this.pruneEveryMs) return;
    this.prunedAt = now;
    try {
      const deleted = await this.queue.prune(new Date(now - this.keepDoneMs), new Date(now - this.keepFailedMs));
      if (deleted > 0) this.logger.info('deleted old scheduled events', { workerId: this.workerId, deleted });
    } catch (error) {
      this.logger.error('could not delete old scheduled events; trying again later', { workerId: this.workerId, error: String(error) });
    }
  }

  private async claimAndDispatch(): Promise<number> {
    const capacity = this.maxConcurrent - this.running.size;
    if (this.stopping || capacity <= 0 || this.handlers.size === 0) return 0;
    const claimed = await this.queue.claimDue(this.now(), {
      workerId: this.workerId,
      limit: capacity,
      leaseMs: this.leaseMs,
      kinds: [...this.handlers.keys()],
    });
    let startedCount = 0;
    for (const event of claimed) {
      // Our own lease on it ran out while its handler is still going, and we claimed it again: let that run finish it.
      if (this.running.has(event.id)) {
        this.logger.warn('scheduled event still running here past its lease; not starting it twice', {
          id: event.id,
          kind: event.kind,
        });
        continue;
      }
      this.dispatch(event);
      startedCount += 1;
    }
    return startedCount;
  }

  private dispatch(event: ClaimedEvent): void {
    const run = this.runHandler(event).finally(() => {
      this.running.delete(event.id);
      if (this.drainWhenFree) {
        this.drainWhenFree = false;
        this.wake();
      }
    });
    this.running.set(event.id, run);
  }

  /** Runs one event to its end; never rejects (every outcome is logged and recorded in the queue). */
  private async runHandler(event: ClaimedEvent): Promise<void> {
    const fields = { id: event.id, kind: event.kind, attempts: event.attempts };
    const handler = this.handlers.get(event.kind);
    try {
      if (!handler) throw new Error(`no handler for kind "${event.kind}"`); // only claimed kinds are handled
      await handler(event);
    } catch (error) {
      await this.retryLater(event, error);
      return;
    }
    try {
      if (await this.queue.complete(event.id, this.workerId)) {
        this.logger.debug('scheduled event done', fields);
      } else {
        this.logger.warn('scheduled event finished after its claim was taken over; it may run again elsewhere', fields);
      }
    } catch (error) {
      // Its lease will run out and it will run again: the handler's idempotency covers that.
      this.logger.error('could not mark scheduled event done', { ...fields, error: String(error) });
    }
  }

  private async retryLater(event: ClaimedEvent, error: unknown): Promise<void> {
    const retryAt = new Date(this.now().getTime() + this.retryDelayMs(event.attempts));
    const fields = { id: event.id, kind: event.kind, attempts: event.attempts, retryAt: retryAt.toISOString() };
    this.logger.warn('scheduled event handler failed; retrying later unless its attempts are used up', {
      ...fields,
      error: error instanceof Error ? error.message : String(error),
    });
    try {
      if (await this.queue.fail(event.id, this.workerId, error, retryAt)) this.dueBy(retryAt);
      else this.logger.warn('scheduled event failed after its claim was taken over', fields);
    } catch (failError) {
      this.logger.error('could not give a failed scheduled event back', { ...fields, error: String(failError) });
    }
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`scheduler: ${name} must be a positive number, got ${value}`);
  return value;
}
