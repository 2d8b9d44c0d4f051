import { randomUUID } from 'node:crypto';
import {
  assertClaimOptions,
  assertNewEvent,
  describeError,
  type ClaimedEvent,
  type ClaimOptions,
  type EventQueue,
  type EventQueueOptions,
  type NewEvent,
  type ScheduledEventRecord,
} from './EventQueue';
import { lapsedClaimError, resolveEventQueueOptions, toClaimedEvent, toEventRecord, type EventRow } from './eventRow';
import { assertDate, toJsonText } from './jsonColumn';

/** Orders due events the way the SQL queue does: earliest due first, then oldest, then by id. */
function byDue(a: EventRow, b: EventRow): number {
  return (
    a.dueAt.getTime() - b.dueAt.getTime() ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Events in a Map: for tests and for a game server without a database (then nothing survives a restart).
 * Each method does its checks and writes without an `await` in between, so calls cannot interleave.
 */
export class MemoryEventQueue implements EventQueue {
  private readonly rows = new Map<string, EventRow>();
  private readonly byDedupeKey = new Map<string, string>();
  private readonly maxAttempts: number;
  private readonly now: () => Date;

  constructor(options: EventQueueOptions = {}) {
    ({ maxAttempts: this.maxAttempts, now: this.now } = resolveEventQueueOptions(options));
  }

  async schedule(event: NewEvent): Promise<{ id: string; created: boolean }> {
    assertNewEvent(event);
    const payload = toJsonText(event.payload, 'event payload');
    const existing = event.dedupeKey === undefined ? undefined : this.byDedupeKey.get(event.dedupeKey);
    if (existing !== undefined) return { id: existing, created: false };
    const row: EventRow = {
      id: randomUUID(),
      kind: event.kind,
      dueAt: new Date(event.dueAt),
      payload,
      status: 'pending',
      claimedBy: null,
      leaseUntil: null,
      attempts: 0,
      lastError: null,
      createdAt: this.now(),
      doneAt: null,
      dedupeKey: event.dedupeKey ?? null,
    };
    this.rows.set(row.id, row);
    if (row.dedupeKey !== null) this.byDedupeKey.set(row.dedupeKey, row.id);
    return { id: row.id, created: true };
  }

  async claimDue(now: Date, options: ClaimOptions): Promise<ClaimedEvent[]> {
    assertDate(now, 'claimDue: now');
    assertClaimOptions(options);
    const at = now.getTime();
    const candidates = [...this.rows.values()]
      .filter((row) => options.kinds === undefined || options.kinds.includes(row.kind))
      .filter(
        (row) =>
          (row.status === 'pending' && row.dueAt.getTime() <= at) ||
          (row.status === 'claimed' && row.leaseUntil !== null && row.leaseUntil.getTime() <= at),
      )
      .sort(byDue);

    const claimed: ClaimedEvent[] = [];
    const leaseUntil = new Date(at + options.leaseMs);
    for (const row of candidates) {
      if (claimed.length === options.limit) break;
      if (row.attempts >= this.maxAttempts) {
        if (row.status === 'claimed') row.lastError = lapsedClaimError(row.attempts);
        row.status = 'failed';
        row.leaseUntil = null;
        continue;
      }
      row.status = 'claimed';
      row.claimedBy = options.workerId;
      row.leaseUntil = new Date(leaseUntil);
      row.attempts += 1;
      claimed.push(toClaimedEvent(row, leaseUntil));
    }
    return claimed;
  }

  async complete(id: string, workerId: string): Promise<boolean> {
    const row = this.ownedBy(id, workerId);
    if (!row) return false;
    row.status = 'done';
    row.leaseUntil = null;
    row.doneAt = this.now();
    return true;
  }

  async fail(id: string, workerId: string, error: unknown, retryAt?: Date): Promise<boolean> {
    if (retryAt !== undefined) assertDate(retryAt, 'fail: retryAt');
    const row = this.ownedBy(id, workerId);
    if (!row) return false;
    const retry = retryAt !== undefined && row.attempts < this.maxAttempts;
    row.status = retry ? 'pending' : 'failed';
    if (retry) row.dueAt = new Date(retryAt);
    row.leaseUntil = null;
    row.lastError = describeError(error);
    return true;
  }

  async get(id: string): Promise<ScheduledEventRecord | null> {
    const row = this.rows.get(id);
    return row ? toEventRecord(row) : null;
  }

  async nextDueAt(kinds?: readonly string[]): Promise<Date | null> {
    let first: number | undefined;
    for (const row of this.rows.values()) {
      if (kinds !== undefined && !kinds.includes(row.kind)) continue;
      const at = row.status === 'pending' ? row.dueAt.getTime() : row.status === 'claimed' ? row.leaseUntil?.getTime() : undefined;
      if (at !== undefined && (first === undefined || at < first)) first = at;
    }
    return first === undefined ? null : new Date(first);
  }

  async pendingCount(): Promise<number> {
    let count = 0;
    for (const row of this.rows.values()) if (row.status === 'pending') count += 1;
    return count;
  }

  async prune(doneBefore: Date, failedBefore: Date): Promise<number> {
    assertDate(doneBefore, 'prune: doneBefore');
    assertDate(failedBefore, 'prune: failedBefore');
    let deleted = 0;
    for (const row of [...this.rows.values()]) {
      const finished =
        (row.status === 'done' && row.doneAt !== null && row.doneAt < doneBefore) || (row.status === 'failed' && row.createdAt < failedBefore);
      if (!finished) continue;
      this.rows.delete(row.id);
      if (row.dedupeKey !== null) this.byDedupeKey.delete(row.dedupeKey);
      deleted += 1;
    }
    return deleted;
  }

  /** The row if `workerId` holds its claim (even past the lease, as long as nobody took it over). */
  private ownedBy(id: string, workerId: string): EventRow | undefined {
    const row = this.rows.get(id);
    return row?.status === 'claimed' && row.claimedBy === workerId ? row : undefined;
  }
}
