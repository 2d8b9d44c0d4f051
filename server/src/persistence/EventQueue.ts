import { assertDate } from './jsonColumn';

/**
 * Where a scheduled event is in its life: `pending` until due and claimed; `claimed` while one worker holds
 * its lease; then `done`, or `failed` once it has used up its attempts (or its handler gave up on it).
 * A `claimed` event whose lease has run out counts as pending again (its worker crashed or stalled).
 */
export type EventStatus = 'pending' | 'claimed' | 'done' | 'failed';

/** What a caller schedules. */
export interface NewEvent {
  /** what to do, e.g. `fleet/arrive`; the scheduler dispatches on it */
  kind: string;
  /** the earliest moment it may run; a past moment means "as soon as possible" */
  dueAt: Date;
  /** JSON-serializable data for the handler (stored as JSON text: Dates come back as strings) */
  payload: unknown;
  /**
   * Schedules at most once per key: a second `schedule` with the same key (even after the first event is
   * done) creates nothing and returns the first event's id, for as long as that event is kept (`prune`: the
   * scheduler keeps done events 7 days, far longer than any retry of the code that schedules). E.g.
   * `arrive:<fleetId>`.
   */
  dedupeKey?: string;
}

/** An event as stored. */
export interface ScheduledEventRecord {
  id: string;
  kind: string;
  dueAt: Date;
  payload: unknown;
  status: EventStatus;
  /** worker id of the current (or last) claimer */
  claimedBy: string | null;
  /** when the current claim lapses; null unless claimed */
  leaseUntil: Date | null;
  /** how many times it has been claimed */
  attempts: number;
  /** the last handler error, or why it failed */
  lastError: string | null;
  createdAt: Date;
  doneAt: Date | null;
  dedupeKey: string | null;
}

/** An event handed to one worker by `claimDue`; the worker owns it until `leaseUntil`. */
export interface ClaimedEvent {
  id: string;
  kind: string;
  dueAt: Date;
  payload: unknown;
  /** 1 on the first claim; more when retried or reclaimed after a crash */
  attempts: number;
  leaseUntil: Date;
  dedupeKey: string | null;
}

/** How `claimDue` claims. */
export interface ClaimOptions {
  /** unique per process (and per scheduler); only this worker may `complete` or `fail` what it claims */
  workerId: string;
  /** at most this many events per call */
  limit: number;
  /** how long the claim holds; after that another worker may take the event over */
  leaseMs: number;
  /** only events of these kinds (the ones this worker has handlers for); all kinds when omitted */
  kinds?: readonly string[];
}

/** Settings shared by every EventQueue implementation. */
export interface EventQueueOptions {
  /**
   * Claims an event may use up. `fail` after the last one marks it `failed` instead of retrying, and an
   * event whose lease lapsed after its last attempt (its handler kept killing the process, say) is marked
   * `failed` by `claimDue` instead of being handed out again.
   */
  maxAttempts?: number;
  /** the clock for `createdAt` and `doneAt` (claims and leases use the `now` given to `claimDue`) */
  now?: () => Date;
}

/** Default for `EventQueueOptions.maxAttempts`. */
export const DEFAULT_MAX_ATTEMPTS = 10;

/** Longest `lastError` kept; a stack trace is plenty to find the cause. */
export const MAX_ERROR_LENGTH = 2_000;

/**
 * Durable timed events with leases, for the scheduler (server/src/scheduler). Delivery is at-least-once:
 * an event is claimed by one worker at a time, but a worker that crashes or overruns its lease after doing
 * the work will see it done again elsewhere, so handlers must be idempotent.
 *
 * Leases are judged by the `now` each claimer passes, so processes need roughly synchronized clocks (NTP): a
 * clock running ahead by more than a lease could take over a live claim early — again harmless with idempotent
 * handlers, and leases are minutes long while NTP keeps clocks within milliseconds.
 *
 * Every implementation passes the same contract suite (server/test/persistence/eventQueue.contract.ts).
 * Returned objects are copies.
 */
export interface EventQueue {
  /** Stores an event; with a `dedupeKey` already used, stores nothing and returns that event's id. */
  schedule(event: NewEvent): Promise<{ id: string; created: boolean }>;
  /**
   * Atomically claims up to `limit` events, earliest `dueAt` first: `pending` ones due by `now`, and
   * `claimed` ones whose lease ended by `now`. Each claim increments `attempts` and sets the lease to
   * `now + leaseMs`. While a lease holds, no other call — in this process or another — gets that event.
   */
  claimDue(now: Date, options: ClaimOptions): Promise<ClaimedEvent[]>;
  /**
   * The earliest moment `claimDue` could hand out an event (of these kinds, or of any): the due time of the
   * first `pending` one, or the end of the first lease among `claimed` ones, whichever comes first (it may be
   * past). Null when there is nothing to wait for. The scheduler sleeps until then instead of polling.
   */
  nextDueAt(kinds?: readonly string[]): Promise<Date | null>;
  /** Marks a claimed event done. Only its current claimer may: returns false (and changes nothing) otherwise. */
  complete(id: string, workerId: string): Promise<boolean>;
  /**
   * Gives a claimed event back after an error: `pending` again at `retryAt`, or `failed` when no `retryAt`
   * is given or its attempts are used up. Only its current claimer may: returns false otherwise.
   */
  fail(id: string, workerId: string, error: unknown, retryAt?: Date): Promise<boolean>;
  /** The event, or null. */
  get(id: string): Promise<ScheduledEventRecord | null>;
  /** How many events are `pending` (due or not); claimed ones are not counted. */
  pendingCount(): Promise<number>;
  /**
   * Deletes finished events: `done` ones that finished before `doneBefore`, `failed` ones created before
   * `failedBefore`. Pending and claimed events are never deleted. Returns how many were. A deleted event's
   * dedupe key may be used again.
   */
  prune(doneBefore: Date, failedBefore: Date): Promise<number>;
}

/** The text kept as `lastError`: the stack (or message) of an Error, else the value as a string, truncated. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/** Refuses claim options that would claim nothing or everything by accident. */
export function assertClaimOptions(options: ClaimOptions): void {
  if (typeof options.workerId !== 'string' || options.workerId === '') {
    throw new TypeError('claimDue: workerId must be a non-empty string');
  }
  if (!Number.isSafeInteger(options.limit) || options.limit < 1) {
    throw new TypeError(`claimDue: limit must be a positive integer, got ${String(options.limit)}`);
  }
  if (!Number.isFinite(options.leaseMs) || options.leaseMs <= 0) {
    throw new TypeError(`claimDue: leaseMs must be a positive number, got ${String(options.leaseMs)}`);
  }
}

/** Refuses an event without a kind or a usable due date. */
export function assertNewEvent(event: NewEvent): void {
  if (typeof event.kind !== 'string' || event.kind === '') throw new TypeError('schedule: kind must be a non-empty string');
  assertDate(event.dueAt, 'schedule: dueAt');
  if (event.dedupeKey !== undefined && (typeof event.dedupeKey !== 'string' || event.dedupeKey === '')) {
    throw new TypeError('schedule: dedupeKey must be a non-empty string when given');
  }
}
