import { DEFAULT_MAX_ATTEMPTS, type ClaimedEvent, type EventQueueOptions, type EventStatus, type ScheduledEventRecord } from './EventQueue';
import { copyDate, fromJsonText } from './jsonColumn';

/** A stored event as every EventQueue keeps it (the `ScheduledEvent` table's columns): payload as JSON text. */
export interface EventRow {
  id: string;
  kind: string;
  dueAt: Date;
  payload: string;
  status: string;
  claimedBy: string | null;
  leaseUntil: Date | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  doneAt: Date | null;
  dedupeKey: string | null;
}

const STATUSES: readonly string[] = ['pending', 'claimed', 'done', 'failed'] satisfies EventStatus[];

function status(row: EventRow): EventStatus {
  if (!STATUSES.includes(row.status)) throw new Error(`scheduled event ${row.id}: unknown status "${row.status}"`);
  return row.status as EventStatus;
}

/** A row handed out as a record: payload parsed afresh, dates copied. */
export function toEventRecord(row: EventRow): ScheduledEventRecord {
  return {
    id: row.id,
    kind: row.kind,
    dueAt: new Date(row.dueAt),
    payload: fromJsonText(row.payload, `scheduled event ${row.id}`),
    status: status(row),
    claimedBy: row.claimedBy,
    leaseUntil: copyDate(row.leaseUntil),
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: new Date(row.createdAt),
    doneAt: copyDate(row.doneAt),
    dedupeKey: row.dedupeKey,
  };
}

/** A row just claimed (status `claimed`, lease set), handed to its worker. */
export function toClaimedEvent(row: EventRow, leaseUntil: Date): ClaimedEvent {
  return {
    id: row.id,
    kind: row.kind,
    dueAt: new Date(row.dueAt),
    payload: fromJsonText(row.payload, `scheduled event ${row.id}`),
    attempts: row.attempts,
    leaseUntil: new Date(leaseUntil),
    dedupeKey: row.dedupeKey,
  };
}

/** `EventQueueOptions` with defaults filled in and checked. */
export function resolveEventQueueOptions(options: EventQueueOptions): { maxAttempts: number; now: () => Date } {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) {
    throw new TypeError(`maxAttempts must be a positive integer, got ${String(maxAttempts)}`);
  }
  return { maxAttempts, now: options.now ?? (() => new Date()) };
}

/**
 * What `claimDue` writes as `lastError` when it gives up on an event whose last claim lapsed: its worker took
 * it and never completed or failed it, so the handler probably crashed the process (a poison event).
 */
export function lapsedClaimError(attempts: number): string {
  return `gave up after ${attempts} attempts: the last claim lapsed without complete or fail (did the worker crash?)`;
}
