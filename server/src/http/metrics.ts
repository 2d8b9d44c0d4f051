import { createHistogram, monitorEventLoopDelay, type RecordableHistogram } from 'node:perf_hooks';
import type { CheckpointStats } from '@starscape/prisma/server';
import type { InputTickStats } from '../transport/InputTick';

/** Event-loop delay over some span, in milliseconds beyond the sampling interval; all zero when nothing was sampled. */
export interface DelaySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  /** how many delays were sampled (about one per `resolutionMs` while the loop turns) */
  samples: number;
}

/** What `GET /metrics` answers: process numbers only, nothing about players or towns. */
export interface MetricsReport {
  uptimeSeconds: number;
  /** rooms and connected clients of this process */
  rooms: number;
  clients: number;
  memory: { rssBytes: number; heapUsedBytes: number; heapTotalBytes: number; externalBytes: number; arrayBuffersBytes: number };
  /** CPU used by the process since it started (every thread), in microseconds */
  cpu: { userMicros: number; systemMicros: number };
  /**
   * Event-loop delay. With an input tick (`inputTick` not null) these are the loop's busy stretches, one per
   * turn: how long anything that arrived meanwhile waited beyond its tick. Without one, Node's sampled delay.
   */
  eventLoopDelayMs: {
    /** length of a window: the delays are summarized window by window */
    windowSeconds: number;
    /** the last completed window (null during the first one); `endedAt` is ms since the epoch */
    lastWindow: (DelaySummary & { endedAt: number }) | null;
    /** the window in progress, so far */
    current: DelaySummary;
    /** since the metrics started */
    sinceStart: DelaySummary;
  };
  /** the input tick's counts, and whether it paces the loop now (see `InputTick`); null without one (INPUT_TICK_MS=0) */
  inputTick: InputTickStats | null;
  /** SQLite only: the checkpoints of the worker thread that copies the WAL into the database file */
  sqliteCheckpoints: CheckpointStats | null;
}

/** A paced event loop whose turns the metrics measure instead of sampling the delay. */
export interface MeasuredTurns {
  onTurn(listener: (busyMs: number) => void): void;
  stats(): InputTickStats;
}

export interface ProcessMetricsOptions {
  /** length of a delay window (default 5 s): a scraper reading every window sees every delay once */
  windowMs?: number;
  /** sampling interval of `monitorEventLoopDelay` (default 10 ms, Node's default) */
  resolutionMs?: number;
  now?: () => number;
}

const NS_PER_MS = 1e6;

/** A histogram of delays in ns: Node's sampler (an `IntervalHistogram`) or one the input tick's turns fill. */
type DelayHistogram = Pick<RecordableHistogram, 'count' | 'percentile' | 'max' | 'mean' | 'reset'>;

/** Summarizes delays in ns, less `offsetMs` each (the sampling interval, see `sampledDelays`). */
function summarize(histogram: DelayHistogram, offsetMs: number): DelaySummary {
  const samples = histogram.count;
  if (samples === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0, samples: 0 };
  const ms = (ns: number) => Math.round(Math.max(0, ns / NS_PER_MS - offsetMs) * 1000) / 1000;
  return {
    p50: ms(histogram.percentile(50)),
    p90: ms(histogram.percentile(90)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
    mean: ms(histogram.mean),
    samples,
  };
}

/** Where delays come from: a window histogram (reset at each window's end) and one since start. */
interface DelaySource {
  readonly window: DelayHistogram;
  readonly total: DelayHistogram;
  /** taken off each delay when summarizing */
  readonly offsetMs: number;
  stop(): void;
}

/**
 * Node's `monitorEventLoopDelay`, for a free-running loop. It records the time from one sample to the next, so an
 * idle loop shows the sampling interval itself: that interval is the offset, leaving the delay beyond it (0
 * when the loop was idle). Node 20 cannot add one such histogram into another, so there are two monitors.
 */
function sampledDelays(resolutionMs: number): DelaySource {
  const window = monitorEventLoopDelay({ resolution: resolutionMs });
  const total = monitorEventLoopDelay({ resolution: resolutionMs });
  window.enable();
  total.enable();
  return {
    window,
    total,
    offsetMs: resolutionMs,
    stop() {
      window.disable();
      total.disable();
    },
  };
}

/** A paced loop's busy stretch per turn (no sampling monitors: the turns are measured as they end). */
function turnDelays(turns: MeasuredTurns): DelaySource {
  const window = createHistogram();
  const total = createHistogram();
  turns.onTurn((busyMs) => {
    const ns = Math.max(1, Math.round(busyMs * NS_PER_MS)); // a histogram takes integers ≥ 1
    window.record(ns);
    total.record(ns);
  });
  return { window, total, offsetMs: 0, stop() {} };
}

/**
 * This process's health numbers for `GET /metrics`: event-loop delay (summarized per fixed window and since
 * start), memory and CPU. One per process is enough (`processMetrics`).
 */
export class ProcessMetrics {
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly startedAt: number;
  private delays: DelaySource;
  private turns: MeasuredTurns | undefined;
  private checkpoints: { stats(): CheckpointStats } | undefined;
  private lastWindow: (DelaySummary & { endedAt: number }) | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(options: ProcessMetricsOptions = {}) {
    this.windowMs = options.windowMs ?? 5000;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.delays = sampledDelays(options.resolutionMs ?? 10);
    this.timer = setInterval(() => this.rotate(), this.windowMs);
    this.timer.unref();
  }

  /**
   * From now on the delays are the turns of a paced loop (`InputTick`): sampling a paced loop would only show
   * its naps. The windows start afresh.
   */
  measureTurns(turns: MeasuredTurns): void {
    this.delays.stop();
    this.delays = turnDelays(turns);
    this.turns = turns;
    this.lastWindow = null;
  }

  /** From now on the report says how the SQLite checkpoints of this process's `SqliteCheckpointer` go. */
  measureCheckpoints(checkpoints: { stats(): CheckpointStats }): void {
    this.checkpoints = checkpoints;
  }

  /** Closes the current window: summarized as `lastWindow`, then started afresh. */
  private rotate(): void {
    this.lastWindow = { ...summarize(this.delays.window, this.delays.offsetMs), endedAt: this.now() };
    this.delays.window.reset();
  }

  report(counts: { rooms: number; clients: number }): MetricsReport {
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    return {
      uptimeSeconds: Math.round((this.now() - this.startedAt) / 1000),
      rooms: counts.rooms,
      clients: counts.clients,
      memory: {
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        heapTotalBytes: memory.heapTotal,
        externalBytes: memory.external,
        arrayBuffersBytes: memory.arrayBuffers,
      },
      cpu: { userMicros: cpu.user, systemMicros: cpu.system },
      eventLoopDelayMs: {
        windowSeconds: this.windowMs / 1000,
        lastWindow: this.lastWindow,
        current: summarize(this.delays.window, this.delays.offsetMs),
        sinceStart: summarize(this.delays.total, this.delays.offsetMs),
      },
      inputTick: this.turns?.stats() ?? null,
      sqliteCheckpoints: this.checkpoints?.stats() ?? null,
    };
  }

  /** Stops sampling (tests; a server process keeps its metrics until it exits). */
  stop(): void {
    clearInterval(this.timer);
    this.delays.stop();
  }
}

let shared: ProcessMetrics | undefined;

/** The process's one `ProcessMetrics`, started on first use. */
export function processMetrics(): ProcessMetrics {
  shared ??= new ProcessMetrics();
  return shared;
}
