import { performance } from 'node:perf_hooks';
import type { Logger } from '../logger';
import type { TownRepository, TownSave, TownSaveOutcome } from '../persistence/TownRepository';
import { nextTurn } from '../transport/InputTick';

/**
 * A town whose autosave is queued (its `TownSaver`). The queue takes its save, writes it with others in one
 * batch, then hands it the outcome: methods, not a closure or promise per save.
 */
export interface AutosaveSource {
  /** Takes the save to write now, or null when there is nothing to save (or a save is already in flight). */
  prepareAutosave(): TownSave | null;
  /** The outcome of the save `prepareAutosave` gave, or the error that failed its whole batch. */
  autosaved(outcome: TownSaveOutcome | unknown): void;
}

/**
 * A town's place in the queue, as `schedule` hands it out: set `cancelled` to take the town out. Once the town
 * was asked for its save (`prepareAutosave`) or its ticket cancelled, the ticket is the queue's again: drop it.
 */
export interface AutosaveTicket {
  cancelled: boolean;
}

/** What a spare entry points at: not the town it last held, which may have closed since. */
const NO_SOURCE: AutosaveSource = {
  prepareAutosave: () => null,
  autosaved: () => undefined,
};

interface Entry extends AutosaveTicket {
  source: AutosaveSource;
  dueAt: number;
}

export interface AutosaveQueueOptions {
  towns: TownRepository;
  /** how long after a town's first unsaved change it is saved: what a crash can lose, when the queue keeps up */
  delayMs: number;
  logger: Logger;
  /** CPU time a drain may spend taking snapshots before it yields to the event loop (default 4 ms) */
  budgetMs?: number;
  /** the most towns written in one batch (default 250; on SQLite a batch of 250 writes in about 4 ms) */
  maxBatch?: number;
  /**
   * The queue wakes at most once in this long (default 200 ms, at most a quarter of the delay), so towns falling
   * due one by one are written together; each is queued this much early, so it is still saved within `delayMs`.
   */
  batchWindowMs?: number;
  now?: () => number;
}

/**
 * The process's autosaves, for every live town at once. A changed town is queued to be saved within `delayMs` of
 * its first unsaved change; due towns are taken in order and written in batches (`TownRepository.saveMany`:
 * one transaction each), a few milliseconds of work at a time with a turn of the event loop in between, and the
 * queue wakes at most once a `batchWindowMs` so that towns falling due one by one share a batch.
 *
 * One timer per town, all firing in the same timers phase, ran thousands of saves back to back: at 16,000 players
 * that held the event loop for 50–300 ms at a time (BENCHMARKS.md). Here the work is the same but sliced, and
 * a batch's commit is shared.
 */
export class AutosaveQueue {
  private readonly towns: TownRepository;
  private readonly delayMs: number;
  private readonly logger: Logger;
  private readonly budgetMs: number;
  private readonly maxBatch: number;
  private readonly now: () => number;
  private readonly windowMs: number;
  private lastDrainAt = -Infinity;
  /** the last drain stopped with towns still due (budget or batch size): the next one comes at once */
  private backlog = false;
  /** due order: `delayMs` is the same for every town, so appending keeps it; entries due at once go in front */
  private entries: Entry[] = [];
  private head = 0;
  /**
   * Entries the queue has passed, for the next `schedule` to take: each lives as long as the queue, where a new
   * one per change lived until its town's save, a few seconds, and died in the old generation.
   */
  private readonly spareEntries: Entry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private timerDueAt = Infinity;
  private immediate: NodeJS.Immediate | undefined;
  private stopped = false;

  constructor(options: AutosaveQueueOptions) {
    this.towns = options.towns;
    this.delayMs = options.delayMs;
    this.logger = options.logger;
    this.budgetMs = options.budgetMs ?? 4;
    this.maxBatch = options.maxBatch ?? 250;
    this.now = options.now ?? Date.now;
    this.windowMs = Math.min(options.batchWindowMs ?? 200, this.delayMs / 4);
  }

  /** Towns waiting for their autosave. */
  get queued(): number {
    let n = 0;
    for (let i = this.head; i < this.entries.length; i++) if (!this.entries[i]!.cancelled) n++;
    return n;
  }

  /**
   * Queues `source` for a save `delayMs` from now (`soon`: as soon as the queue gets to it); a source is asked
   * once per call. Returns its ticket (a flag rather than a cancel closure: one less object per change).
   */
  schedule(source: AutosaveSource, { soon = false } = {}): AutosaveTicket {
    const dueAt = soon ? this.now() : this.now() + this.delayMs - this.windowMs;
    const entry = this.spareEntries.pop() ?? { source, dueAt, cancelled: false };
    entry.source = source;
    entry.dueAt = dueAt;
    entry.cancelled = false;
    if (soon) this.entries.splice(this.head, 0, entry);
    else this.entries.push(entry);
    this.arm();
    return entry;
  }

  /** Stops the queue; what was queued is left to the towns' own final saves. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = this.immediate = undefined;
    this.entries = [];
    this.head = 0;
  }

  private readonly drain = (): void => {
    this.timer = this.immediate = undefined;
    this.timerDueAt = Infinity;
    const started = performance.now();
    const now = this.now();
    this.lastDrainAt = now;
    const sources: AutosaveSource[] = [];
    const saves: TownSave[] = [];
    let asked = 0;
    while (this.head < this.entries.length && saves.length < this.maxBatch) {
      const entry = this.entries[this.head]!;
      if (!entry.cancelled && entry.dueAt > now) break;
      // at least one town per drain, so a tiny budget still makes progress
      if (!entry.cancelled && asked > 0 && performance.now() - started >= this.budgetMs) break;
      this.head++;
      if (entry.cancelled) {
        this.passed(entry);
        continue;
      }
      entry.cancelled = true; // asked once
      asked++;
      const source = entry.source;
      const save = source.prepareAutosave();
      this.passed(entry);
      if (save) {
        sources.push(source);
        saves.push(save);
      }
    }
    const next = this.entries[this.head];
    this.backlog = next !== undefined && !next.cancelled && next.dueAt <= now;
    this.compact();
    if (saves.length > 0) this.write(sources, saves);
    this.arm();
  };

  private write(sources: AutosaveSource[], saves: TownSave[]): void {
    this.towns.saveMany(saves).then(
      (outcomes) => {
        for (let i = 0; i < sources.length; i++) sources[i]!.autosaved(outcomes[i]);
      },
      (error: unknown) => {
        this.logger.error('autosave batch failed; its towns stay unsaved and will be tried again', { towns: saves.length, error: String(error) });
        for (const source of sources) source.autosaved(error);
      },
    );
  }

  /** Wakes the queue for its first live entry: at once when due (after a turn of the event loop), else by timer. */
  private arm(): void {
    if (this.stopped || this.immediate) return;
    let next: Entry | undefined;
    while (this.head < this.entries.length && (next = this.entries[this.head])!.cancelled) this.passed(this.entries[this.head++]!);
    if (this.head >= this.entries.length) {
      this.compact();
      return;
    }
    // a backlog goes on at once; otherwise not before the window since the last drain is over
    const dueAt = this.backlog ? next!.dueAt : Math.max(next!.dueAt, this.lastDrainAt + this.windowMs);
    if (this.timer && this.timerDueAt <= dueAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const wait = dueAt - this.now();
    if (wait <= 0) {
      this.immediate = nextTurn(this.drain); // no nap of a paced loop before it
    } else {
      this.timerDueAt = dueAt;
      this.timer = setTimeout(this.drain, wait);
      this.timer.unref?.();
    }
  }

  /** An entry the queue has passed (its town asked, or its ticket cancelled) is kept for the next `schedule`. */
  private passed(entry: Entry): void {
    entry.source = NO_SOURCE;
    this.spareEntries.push(entry);
  }

  /** Drops the entries already passed, once they are most of the array. */
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    } else if (this.head === this.entries.length) {
      this.entries = [];
      this.head = 0;
    }
  }
}
