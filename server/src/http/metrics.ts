import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

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
}

export interface ProcessMetricsOptions {
  /** length of a delay window (default 5 s): a scraper reading every window sees every delay once */
  windowMs?: number;
  /** sampling interval of `monitorEventLoopDelay` (default 10 ms, Node's default) */
  resolutionMs?: number;
  now?: () => number;
}

const NS_PER_MS = 1e6;

/**
 * Node records the time from one sample to the next, so an idle loop shows the sampling interval itself:
 * that interval is taken off, leaving the delay beyond it (0 when the loop was idle).
 */
function summarize(histogram: IntervalHistogram, resolutionMs: number): DelaySummary {
  const samples = histogram.count;
  if (samples === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0, samples: 0 };
  const ms = (ns: number) => Math.round(Math.max(0, ns / NS_PER_MS - resolutionMs) * 1000) / 1000;
  return {
    p50: ms(histogram.percentile(50)),
    p90: ms(histogram.percentile(90)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
    mean: ms(histogram.mean),
    samples,
  };
}

/**
 * This process's health numbers for `GET /metrics`: event-loop delay (perf_hooks `monitorEventLoopDelay`,
 * summarized per fixed window and since start), memory and CPU. One per process is enough (`processMetrics`).
 */
export class ProcessMetrics {
  private readonly windowMs: number;
  private readonly resolutionMs: number;
  private readonly now: () => number;
  private readonly startedAt: number;
  /** the window in progress (reset at each window's end) */
  private readonly monitor: IntervalHistogram;
  /** every delay since start (Node 20 cannot add an event-loop histogram into another, so a second monitor) */
  private readonly total: IntervalHistogram;
  private lastWindow: (DelaySummary & { endedAt: number }) | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(options: ProcessMetricsOptions = {}) {
    this.windowMs = options.windowMs ?? 5000;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.resolutionMs = options.resolutionMs ?? 10;
    this.monitor = monitorEventLoopDelay({ resolution: this.resolutionMs });
    this.total = monitorEventLoopDelay({ resolution: this.resolutionMs });
    this.monitor.enable();
    this.total.enable();
    this.timer = setInterval(() => this.rotate(), this.windowMs);
    this.timer.unref();
  }

  /** Closes the current window: summarized as `lastWindow`, then started afresh. */
  private rotate(): void {
    this.lastWindow = { ...summarize(this.monitor, this.resolutionMs), endedAt: this.now() };
    this.monitor.reset();
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
        current: summarize(this.monitor, this.resolutionMs),
        sinceStart: summarize(this.total, this.resolutionMs),
      },
    };
  }

  /** Stops sampling (tests; a server process keeps its metrics until it exits). */
  stop(): void {
    clearInterval(this.timer);
    this.monitor.disable();
    this.total.disable();
  }
}

let shared: ProcessMetrics | undefined;

/** The process's one `ProcessMetrics`, started on first use. */
export function processMetrics(): ProcessMetrics {
  shared ??= new ProcessMetrics();
  return shared;
}
