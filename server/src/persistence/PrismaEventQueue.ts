import type { PrismaClient } from '@starscape/prisma';
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
import { lapsedClaimError, resolveEventQueueOptions, toClaimedEvent, toEventRecord } from './eventRow';
import { assertDate, storableText, toJsonText } from './jsonColumn';
import { isUniqueViolation } from './prismaErrors';

/**
 * Candidates read per claim, as a multiple of `limit`: a worker racing another loses some compare-and-sets
 * and can still fill its batch from the extra ones.
 */
const CANDIDATE_FACTOR = 2;

/**
 * Events in the `ScheduledEvent` table, shared by every game server process on the database.
 *
 * How a claim stays exclusive without locks or transactions (the same on SQLite and PostgreSQL):
 * 1. read up to 2×limit candidate rows that look claimable (pending and due, or claimed with a lapsed lease);
 * 2. claim each with one conditional `UPDATE … WHERE id = ? AND status = <as read> AND attempts = <as read>
 *    AND (pending and due OR claimed and lapsed)`, and keep only the rows where it changed one row.
 * Every claim increments `attempts`, so `attempts` is the row's claim version: if any other worker claimed
 * the row after step 1, the version no longer matches and our UPDATE changes nothing. The database runs each
 * UPDATE atomically — SQLite holds its single write lock for the statement; PostgreSQL (READ COMMITTED) makes
 * a second UPDATE of the same row wait for the first to commit, then re-checks the WHERE against the new row
 * and skips it — so of any number of concurrent claimers exactly one gets each event.
 */
export class PrismaEventQueue implements EventQueue {
  private readonly maxAttempts: number;
  private readonly now: () => Date;

  constructor(
    private readonly prisma: PrismaClient,
    options: EventQueueOptions = {},
  ) {
    ({ maxAttempts: this.maxAttempts, now: this.now } = resolveEventQueueOptions(options));
  }

  async schedule(event: NewEvent): Promise<{ id: string; created: boolean }> {
    assertNewEvent(event);
    const payload = toJsonText(event.payload, 'event payload');
    const { dedupeKey } = event;
    if (dedupeKey !== undefined) {
      // The common repeat (a handler retried) is answered without provoking a constraint error.
      const existing = await this.findByDedupeKey(dedupeKey);
      if (existing) return { id: existing, created: false };
    }
    try {
      const row = await this.prisma.scheduledEvent.create({
        data: { kind: event.kind, dueAt: event.dueAt, payload, dedupeKey, createdAt: this.now() },
        select: { id: true },
      });
      return { id: row.id, created: true };
    } catch (error) {
      // Another process scheduled the same key between our look-up and our insert: the unique index decided.
      const existing = dedupeKey !== undefined && isUniqueViolation(error) ? await this.findByDedupeKey(dedupeKey) : null;
      if (existing) return { id: existing, created: false };
      throw error;
    }
  }

  async claimDue(now: Date, options: ClaimOptions): Promise<ClaimedEvent[]> {
    assertDate(now, 'claimDue: now');
    assertClaimOptions(options);
    const claimable = {
      OR: [
        { status: 'pending', dueAt: { lte: now } },
        { status: 'claimed', leaseUntil: { lte: now } },
      ],
    };
    const candidates = await this.prisma.scheduledEvent.findMany({
      where: { ...claimable, ...(options.kinds ? { kind: { in: [...options.kinds] } } : {}) },
      orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      take: options.limit * CANDIDATE_FACTOR,
    });

    const leaseUntil = new Date(now.getTime() + options.leaseMs);
    const claimed: ClaimedEvent[] = [];
    for (const row of candidates) {
      if (claimed.length === options.limit) break;
      // Unchanged since we read it: same status, same claim version, and still claimable at `now`.
      const unchanged = { AND: [{ id: row.id, status: row.status, attempts: row.attempts }, claimable] };
      if (row.attempts >= this.maxAttempts) {
        await this.prisma.scheduledEvent.updateMany({
          where: unchanged,
          data: {
            status: 'failed',
            leaseUntil: null,
            lastError: row.status === 'claimed' ? lapsedClaimError(row.attempts) : row.lastError,
          },
        });
        continue;
      }
      const { count } = await this.prisma.scheduledEvent.updateMany({
        where: unchanged,
        data: { status: 'claimed', claimedBy: options.workerId, leaseUntil, attempts: { increment: 1 } },
      });
      if (count === 1) claimed.push(toClaimedEvent({ ...row, attempts: row.attempts + 1 }, leaseUntil));
    }
    return claimed;
  }

  async complete(id: string, workerId: string): Promise<boolean> {
    const { count } = await this.prisma.scheduledEvent.updateMany({
      where: { id, status: 'claimed', claimedBy: workerId },
      data: { status: 'done', leaseUntil: null, doneAt: this.now() },
    });
    return count === 1;
  }

  async fail(id: string, workerId: string, error: unknown, retryAt?: Date): Promise<boolean> {
    if (retryAt !== undefined) assertDate(retryAt, 'fail: retryAt');
    const row = await this.prisma.scheduledEvent.findUnique({
      where: { id },
      select: { status: true, claimedBy: true, attempts: true },
    });
    if (row?.status !== 'claimed' || row.claimedBy !== workerId) return false;
    const retry = retryAt !== undefined && row.attempts < this.maxAttempts;
    // Conditional on the claim version read above, so a takeover in between makes this change nothing.
    const { count } = await this.prisma.scheduledEvent.updateMany({
      where: { id, status: 'claimed', claimedBy: workerId, attempts: row.attempts },
      data: {
        status: retry ? 'pending' : 'failed',
        ...(retry ? { dueAt: retryAt } : {}),
        leaseUntil: null,
        lastError: storableText(describeError(error)),
      },
    });
    return count === 1;
  }

  async prune(doneBefore: Date, failedBefore: Date): Promise<number> {
    assertDate(doneBefore, 'prune: doneBefore');
    assertDate(failedBefore, 'prune: failedBefore');
    const { count } = await this.prisma.scheduledEvent.deleteMany({
      where: {
        OR: [
          { status: 'done', doneAt: { lt: doneBefore } },
          { status: 'failed', createdAt: { lt: failedBefore } },
        ],
      },
    });
    return count;
  }

  async get(id: string): Promise<ScheduledEventRecord | null> {
    const row = await this.prisma.scheduledEvent.findUnique({ where: { id } });
    return row ? toEventRecord(row) : null;
  }

  async nextDueAt(kinds?: readonly string[]): Promise<Date | null> {
    const ofKinds = kinds ? { kind: { in: [...kinds] } } : {};
    // two index-ordered reads (status, dueAt) rather than one OR: each takes the first row of its status
    const [pending, claimed] = await Promise.all([
      this.prisma.scheduledEvent.findFirst({ where: { status: 'pending', ...ofKinds }, orderBy: { dueAt: 'asc' }, select: { dueAt: true } }),
      this.prisma.scheduledEvent.findFirst({ where: { status: 'claimed', leaseUntil: { not: null }, ...ofKinds }, orderBy: { leaseUntil: 'asc' }, select: { leaseUntil: true } }),
    ]);
    const times = [pending?.dueAt, claimed?.leaseUntil].filter((at): at is Date => at instanceof Date);
    return times.length === 0 ? null : new Date(Math.min(...times.map((at) => at.getTime())));
  }

  async pendingCount(): Promise<number> {
    return this.prisma.scheduledEvent.count({ where: { status: 'pending' } });
  }

  private async findByDedupeKey(dedupeKey: string): Promise<string | null> {
    const row = await this.prisma.scheduledEvent.findUnique({ where: { dedupeKey }, select: { id: true } });
    return row?.id ?? null;
  }
}
