import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sqliteFilePath } from './databaseUrl';
import { BUSY_TIMEOUT_MS, WAL_AUTOCHECKPOINT_PAGES } from './sqliteAdapter';

/**
 * What a connection's own automatic checkpoint is left at in a process whose `SqliteCheckpointer` copies the
 * WAL (about 400 MB of WAL): a backstop that fires only if the checkpointer stops keeping up, since the
 * connection that commits past it copies the whole WAL on the spot, on its own thread.
 */
export const WAL_BACKSTOP_PAGES = 100_000;

/** What `PRAGMA wal_checkpoint` answers: busy 1 when another connection was checkpointing; -1s when not in WAL mode. */
export interface CheckpointResult {
  busy: number;
  /** frames in the WAL */
  log: number;
  /** of them, copied into the database file */
  checkpointed: number;
}

/** How the checkpointer has done since it started (GET /metrics shows it). */
export interface CheckpointStats {
  /** rounds run: two copies in the worker, then `finish` on the caller's thread */
  runs: number;
  /** rounds after which the WAL was copied whole, so that the next write starts it again from its beginning */
  complete: number;
  /** rounds that failed (an I/O error, say); the next is tried as usual */
  failures: number;
  /** frames in the WAL at the last round's start, and the most seen at any round */
  walPages: number;
  walPagesMax: number;
  /** the worker's copies: the longest, and all together, ms (on its own thread) */
  longestCopyMs: number;
  totalCopyMs: number;
  /** the rests on the caller's thread (`finish`): the longest, and all together, ms */
  longestFinishMs: number;
  totalFinishMs: number;
}

export interface SqliteCheckpointerOptions {
  /** how often it looks whether a round is due, ms (default 1,000) */
  everyMs?: number;
  /**
   * About how many pages the process has written so far (a running count). With it, a round is due once
   * `roundPages` more were written since the last one, so that one copy serves several saves of a page, as
   * SQLite's own checkpoint at `WAL_AUTOCHECKPOINT_PAGES` did; without it, every look runs a round.
   */
  writtenPages?: () => number;
  /** default `WAL_AUTOCHECKPOINT_PAGES` */
  roundPages?: number;
  /**
   * A round's last checkpoint, on the caller's thread, through a connection of the process that writes: it
   * copies what was written during the worker's second, short copy (a few pages), so that the WAL is copied
   * whole and starts again from its beginning at the next write. Without it only the worker's copies run.
   */
  finish?: () => CheckpointResult;
  /** when the WAL holds more frames than this at a round, `onBehind` is told (default 25,000: about 100 MB) */
  behindPages?: number;
  /** told once each time the WAL grows past `behindPages`, and for each failed round */
  onBehind?: (message: string, fields: Record<string, unknown>) => void;
}

type WorkerReply = ({ type: 'done'; ms: number } & CheckpointResult) | { type: 'failed'; error: string };

/**
 * Copies a SQLite database's WAL into the database file, most of it from a worker thread: a round every
 * `roundPages` pages written (looked at every `everyMs`), or every `everyMs` without `writtenPages`.
 *
 * Without it, the connection whose commit takes the WAL past `wal_autocheckpoint` pages does the copy itself,
 * inside that commit: for the game server, its main thread. At 16,000 players that was every 3–7 s, and each
 * time the event loop stood still for 150–400 ms (an fsync of the WAL, 10,000 pages copied, an fsync of the
 * database file; traced with `perf trace` against the load bench's stall log, BENCHMARKS.md).
 *
 * A round: the worker copies the WAL with a PASSIVE checkpoint, which waits for no reader or writer (of this
 * process or another: the web app shares the file) while the server goes on writing, and then once more what
 * was written meanwhile. The WAL starts again from its beginning only once it has been copied whole, so writes
 * landing during every copy would let it grow for good; `finish` then copies what came in during the second,
 * short copy, on the server's own thread, where no write can land during it. (Left to the worker, that last
 * copy did not let the WAL start again while the process also had a Prisma connection open: measured, not
 * understood.) The process's writing connections keep an automatic checkpoint only as a backstop
 * (`WAL_BACKSTOP_PAGES`), which is also what copies the WAL if the worker dies.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  private readonly stats_: CheckpointStats = {
    runs: 0,
    complete: 0,
    failures: 0,
    walPages: 0,
    walPagesMax: 0,
    longestCopyMs: 0,
    totalCopyMs: 0,
    longestFinishMs: 0,
    totalFinishMs: 0,
  };
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private writtenAtLastRound = 0;
  private closed = false;
  private behind = false;
  /** why the worker is gone, once it is (an error, or it exited unasked) */
  private gone: string | undefined;
  /** the copies waiting for the worker's answer, in order (answered with a failure if the worker goes) */
  private readonly awaiting: ((reply: WorkerReply) => void)[] = [];

  private constructor(
    databaseUrl: string,
    private readonly everyMs: number,
    private readonly writtenPages: (() => number) | undefined,
    private readonly roundPages: number,
    private readonly finish: SqliteCheckpointerOptions['finish'],
    private readonly behindPages: number,
    private readonly onBehind: SqliteCheckpointerOptions['onBehind'],
  ) {
    const workerFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sqliteCheckpointWorker.mjs');
    this.worker = new Worker(workerFile, { workerData: { file: sqliteFilePath(databaseUrl), busyTimeoutMs: BUSY_TIMEOUT_MS } });
    this.worker.unref(); // an idle worker keeps no process alive (it is held while it has work)
    this.worker.on('message', (reply: WorkerReply) => this.answer(reply));
    this.worker.on('error', (error) => this.lose(error.message));
    this.worker.on('exit', (code) => this.lose(`it exited with code ${code}`));
  }

  /** Starts the worker; its first round runs after `everyMs`. The file must exist (migrated). */
  static start(databaseUrl: string, options: SqliteCheckpointerOptions = {}): SqliteCheckpointer {
    const everyMs = options.everyMs ?? 1_000;
    const behindPages = options.behindPages ?? 25_000;
    if (!Number.isFinite(everyMs) || everyMs < 1) throw new RangeError(`everyMs must be at least 1, got ${everyMs}`);
    const roundPages = options.roundPages ?? WAL_AUTOCHECKPOINT_PAGES;
    if (!Number.isSafeInteger(roundPages) || roundPages < 1) throw new RangeError(`roundPages must be a whole number from 1, got ${roundPages}`);
    const checkpointer = new SqliteCheckpointer(databaseUrl, everyMs, options.writtenPages, roundPages, options.finish, behindPages, options.onBehind);
    checkpointer.schedule();
    return checkpointer;
  }

  stats(): CheckpointStats {
    return { ...this.stats_ };
  }

  /** Runs a round now (after the one in progress, if any) and resolves when it is done. */
  async checkpointNow(): Promise<CheckpointStats> {
    if (this.closed) throw new Error('the checkpointer is closed');
    await this.startRound();
    return this.stats();
  }

  /** Stops the schedule, waits for a round in progress, and closes the worker's connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    await this.round;
    if (this.gone) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.ref();
    this.worker.postMessage({ type: 'close' });
    await exited;
  }

  private schedule(): void {
    if (this.closed || this.gone) return;
    this.timer = setTimeout(() => {
      if (this.writtenPages && this.writtenPages() - this.writtenAtLastRound < this.roundPages) return this.schedule();
      void this.startRound().then(() => this.schedule());
    }, this.everyMs);
    this.timer.unref();
  }

  /** Rounds run one at a time: a new one starts when the one before has ended. */
  private startRound(): Promise<void> {
    const round = (this.round ?? Promise.resolve()).then(() => this.runRound()).finally(() => {
      if (this.round === round) this.round = undefined;
    });
    this.round = round;
    return round;
  }

  private async runRound(): Promise<void> {
    const s = this.stats_;
    s.runs++;
    this.writtenAtLastRound = this.writtenPages?.() ?? 0;
    const copy = await this.copyInWorker();
    if (copy.type === 'failed') return this.failed(copy.error);
    this.noteWalSize(copy.log);
    // busy: another connection (another process) is checkpointing, and is left to it; -1: not in WAL mode
    if (copy.busy !== 0 || copy.log <= 0) return this.noteCopy(copy.ms);
    // what was written during that copy, in the worker too: the copy left for `finish` is then only what comes
    // in during this short one
    const again = await this.copyInWorker();
    if (again.type === 'failed') return this.failed(again.error);
    this.noteCopy(copy.ms + again.ms);
    let last: CheckpointResult = again;
    if (this.finish && !this.closed) {
      const started = performance.now();
      try {
        last = this.finish();
      } catch (error) {
        return this.failed(error instanceof Error ? error.message : String(error));
      } finally {
        const ms = performance.now() - started;
        s.longestFinishMs = Math.max(s.longestFinishMs, ms);
        s.totalFinishMs += ms;
      }
    }
    if (last.busy === 0 && last.log >= 0 && last.checkpointed >= last.log) s.complete++;
  }

  private copyInWorker(): Promise<WorkerReply> {
    if (this.gone) return Promise.resolve({ type: 'failed', error: `the checkpoint worker is gone: ${this.gone}` });
    return new Promise<WorkerReply>((resolve) => {
      this.awaiting.push(resolve);
      this.worker.ref(); // the process waits for the answer
      this.worker.postMessage({ type: 'checkpoint' });
    });
  }

  private answer(reply: WorkerReply): void {
    const awaiting = this.awaiting.shift();
    if (this.awaiting.length === 0) this.worker.unref();
    awaiting?.(reply);
  }

  /** The worker is gone: said once; the connections' own checkpoint (the backstop) takes over from here. */
  private lose(why: string): void {
    if (this.gone || (this.closed && this.awaiting.length === 0)) return;
    this.gone = why;
    clearTimeout(this.timer);
    this.onBehind?.('the SQLite checkpoint worker stopped; the connections copy the WAL themselves from now on, at their backstop size', { why });
    while (this.awaiting.length > 0) this.answer({ type: 'failed', error: `the checkpoint worker is gone: ${why}` });
  }

  private noteCopy(ms: number): void {
    this.stats_.longestCopyMs = Math.max(this.stats_.longestCopyMs, ms);
    this.stats_.totalCopyMs += ms;
  }

  private noteWalSize(log: number): void {
    const s = this.stats_;
    s.walPages = Math.max(0, log);
    s.walPagesMax = Math.max(s.walPagesMax, s.walPages);
    if (s.walPages > this.behindPages && !this.behind) {
      this.behind = true;
      this.onBehind?.('SQLite checkpoints are not keeping up: the WAL keeps growing', { walPages: s.walPages, behindPages: this.behindPages });
    } else if (s.walPages <= this.behindPages) {
      this.behind = false;
    }
  }

  private failed(error: string): void {
    this.stats_.failures++;
    this.onBehind?.('a SQLite checkpoint failed', { error });
  }
}
