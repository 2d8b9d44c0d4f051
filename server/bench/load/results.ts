/** One measured run of the load bench, how it is computed from the readings, and the targets of issue 5. */
import { percentile } from '../support/percentile';
import { HOSTED_TOWNS_PER_ROOM, type ServerKind } from './townPlayers';

export interface RunResult {
  kind: ServerKind;
  players: number;
  /** set when the run could not be measured */
  error?: string;
  /** why the ramp stopped before every player had joined (the server could take no more) */
  stalled?: string;
  joined: number;
  failedJoins: number;
  joinSeconds: number;
  windowSeconds: number;
  /** server process CPU in the window (user + system, every thread), ms per second: 1000 is one core */
  cpuMsPerSecond: number;
  /** the same server before anyone joined */
  idleCpuMsPerSecond: number;
  systemMsPerSecond: number;
  /** RSS of the idle server (settled) and at the window's end, as the process holds it */
  rssIdleBytes: number;
  rssBytes: number;
  /**
   * The same two right after a full collection the bench forced (all garbage the heap can give back, as V8's
   * memory reducer collects it): what the memory per player is computed from. Absent in results from before
   * session 21.
   */
  rssCollectedIdleBytes?: number;
  rssCollectedBytes?: number;
  /** V8 heap in use and memory held outside it (buffers), idle and at the window's end, from GET /metrics */
  heapIdleBytes: number;
  heapUsedBytes: number;
  externalIdleBytes: number;
  externalBytes: number;
  /** downstream bytes per connected player per second, counted on the client sockets */
  bytesPerPlayerSecond: number;
  latency: { p50: number; p99: number; max: number; samples: number };
  /** the actions slower than the p99 target, and how they fell in time (`slowActions`) */
  slow?: SlowActions;
  actionsSent: number;
  late: number;
  refusals: number;
  drops: number;
  connectedAtEnd: number;
  /** the server's event-loop delay over the window's 5-s windows: median p50, highest p99, highest max (ms) */
  eventLoop: { p50: number; p99: number; max: number; windows: number };
  /** the busiest load generator: CPU in % of a core, event-loop delay p99 (ms) */
  generators: { cpuPercent: number; eventLoopP99Ms: number };
  /** CPU the rest of the machine used in the window (neither the server nor the load generators), % of a core */
  otherCpuPercent: number;
  /** CPU of the paced probe over the same window, % of a core (`PacedProbe`); absent in older results */
  probeCpuPercent?: number;
  /** full garbage collections of the server that ended inside the window (`--stalls` only: the stall probe counts them) */
  fullCollections?: number;
  /** the server's input tick in ms (GET /metrics), 0 without one; absent for servers that have none (baseline, floor) */
  inputTickMs?: number;
  /** server CPU (ms/s) with every player connected but silent (no actions), when measured */
  silentCpuMsPerSecond?: number;
}

/** the players actually measured: connected at the window's end (fewer than asked when the ramp stopped early) */
export const measured = (r: RunResult) => (r.connectedAtEnd > 0 ? r.connectedAtEnd : r.joined);
export const cpuUsPerPlayer = (r: RunResult) => (r.cpuMsPerSecond * 1000) / measured(r);
/** RSS after a forced full collection where measured, else as read; each with its idle reading */
const rssOf = (r: RunResult) =>
  r.rssCollectedBytes !== undefined && r.rssCollectedIdleBytes !== undefined
    ? { loaded: r.rssCollectedBytes, idle: r.rssCollectedIdleBytes }
    : { loaded: r.rssBytes, idle: r.rssIdleBytes };
/** what the players added to the process's RSS: loaded minus idle, each read the same way */
const rssAdded = (r: RunResult) => {
  const { loaded, idle } = rssOf(r);
  return loaded - idle;
};
export const rssPerPlayer = (r: RunResult) => rssAdded(r) / measured(r);
export const externalPerPlayer = (r: RunResult) => (r.externalBytes - r.externalIdleBytes) / measured(r);


/** The actions over a latency threshold, and whether they came together (a stall) or spread over the window. */
export interface SlowActions {
  thresholdMs: number;
  count: number;
  /** the window's whole seconds that held at least one */
  seconds: number;
  windowSeconds: number;
  /** the second (since the window started) that held the most of them, and how many */
  worstSecond: { at: number; count: number };
  /** the share of them sent in the five seconds that held the most */
  shareInWorstFiveSeconds: number;
}

/** `latenciesMs[i]` is the action sent `sentAtMs[i]` ms into the window; seconds are counted by send time. */
export function slowActions(latenciesMs: readonly number[], sentAtMs: readonly number[], windowMs: number, thresholdMs = 100): SlowActions {
  const perSecond = new Map<number, number>();
  let count = 0;
  for (let i = 0; i < latenciesMs.length; i++) {
    if (latenciesMs[i]! <= thresholdMs) continue;
    count++;
    const second = Math.floor(sentAtMs[i]! / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  const busiest = [...perSecond].sort((a, b) => b[1] - a[1]);
  const inWorstFive = busiest.slice(0, 5).reduce((sum, [, n]) => sum + n, 0);
  return {
    thresholdMs,
    count,
    seconds: perSecond.size,
    windowSeconds: Math.max(1, Math.round(windowMs / 1000)),
    worstSecond: busiest.length > 0 ? { at: busiest[0]![0], count: busiest[0]![1] } : { at: NaN, count: 0 },
    shareInWorstFiveSeconds: count > 0 ? inWorstFive / count : 0,
  };
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** " (N actions over 100 ms, sent in K of the window's S seconds)": whether the slow ones were one stall or spread out. */
function slowSummary(slow: SlowActions | undefined): string {
  if (!slow || slow.count === 0) return '';
  return ` (${slow.count.toLocaleString('en-US')} actions over ${slow.thresholdMs} ms, sent in ${slow.seconds} of the window's ${slow.windowSeconds} s)`;
}

/** ", N full collections in the window": whether V8's full garbage collection, which decides p99 at 16,000, fell in it. */
function collectionsSummary(count: number | undefined): string {
  if (count === undefined || !Number.isFinite(count)) return '';
  return `, ${count} full ${count === 1 ? 'collection' : 'collections'} in the window`;
}

/** "; the bare Colyseus floors in the same run: …": the p99 of a server with no game in it, on the same load. */
function floorsSummary(...floors: (RunResult | undefined)[]): string {
  const measuredFloors = floors.filter((f): f is RunResult => f !== undefined && !f.error);
  if (measuredFloors.length === 0) return '';
  const each = measuredFloors.map((f) => `${serverName(f.kind)} p99 ${fmt(f.latency.p99, 0)} ms${collectionsSummary(f.fullCollections)}`);
  return `; the bare Colyseus floors in the same run: ${each.join('; ')}`;
}

/** The targets of issue 5, checked against this run's results (null: not measured in this run). */
export function checkTargets(results: readonly RunResult[]): TargetCheck[] {
  const ok = (r: RunResult | undefined): r is RunResult => r !== undefined && !r.error;
  const find = (kind: ServerKind, players: number) => results.find((r) => r.kind === kind && r.players === players);
  const checks: TargetCheck[] = [];

  const big = find('colyseus', 16_000);
  checks.push(
    ok(big)
      ? {
          target: '16,000 players on one process: p99 action→result < 100 ms and the server under one core',
          measured: `${big.joined} joined, p99 ${fmt(big.latency.p99, 0)} ms${slowSummary(big.slow)}, server ${fmt(big.cpuMsPerSecond / 10, 0)} % of a core${collectionsSummary(big.fullCollections)}${floorsSummary(find('floor', 16_000), find('floor-hosted', 16_000))}`,
          met: big.joined === 16_000 && big.connectedAtEnd === 16_000 && big.latency.p99 < 100 && big.cpuMsPerSecond < 1000,
        }
      : { target: '16,000 players on one process: p99 action→result < 100 ms and the server under one core', measured: (big as RunResult | undefined)?.error ?? 'not run', met: null },
  );

  for (const players of [1000, 10_000]) {
    const room = find('colyseus', players);
    const base = find('baseline', players);
    const label = `${players.toLocaleString('en-US')} players`;
    if (!ok(room) || !ok(base)) {
      const why = room?.error ?? base?.error ?? 'not run';
      checks.push({ target: `CPU per player ≤ ½ the baseline's, ${label}`, measured: why, met: null });
      checks.push({ target: `downstream bytes per player ≤ 1/50 of the baseline's, ${label}`, measured: why, met: null });
      continue;
    }
    const cpu = cpuUsPerPlayer(room) / cpuUsPerPlayer(base);
    checks.push({
      target: `CPU per player ≤ ½ the baseline's, ${label}`,
      measured: `${fmt(cpuUsPerPlayer(room))} vs ${fmt(cpuUsPerPlayer(base))} µs/s: ${fmt(cpu, 2)}×`,
      met: cpu <= 0.5,
    });
    const bytes = room.bytesPerPlayerSecond / base.bytesPerPlayerSecond;
    checks.push({
      target: `downstream bytes per player ≤ 1/50 of the baseline's, ${label}`,
      measured: `${fmt(room.bytesPerPlayerSecond, 1)} vs ${fmt(base.bytesPerPlayerSecond, 0)} B/s: 1/${fmt(1 / bytes, 0)}`,
      met: bytes <= 1 / 50,
    });
  }

  const sizes = [...new Set(results.map((r) => r.players))].sort((a, b) => a - b);
  for (const players of sizes) {
    const room = find('colyseus', players);
    const base = find('baseline', players);
    if (!ok(room) || !ok(base)) continue;
    // a process that collected garbage after its idle reading can end below it: that reading says nothing
    const readable = rssPerPlayer(room) > 0 && rssPerPlayer(base) > 0;
    checks.push({
      target: `resident memory per player ≤ the baseline's, ${players.toLocaleString('en-US')} players`,
      measured: `${fmt(rssPerPlayer(room) / 1024)} vs ${fmt(rssPerPlayer(base) / 1024)} KB${readable ? '' : ' (below the idle RSS: not a reading)'}`,
      met: readable ? rssPerPlayer(room) <= rssPerPlayer(base) : null,
    });
  }
  // per added player: the slope between the two smallest sizes, free of what a process grows by once under load
  const [small, large] = sizes;
  if (small !== undefined && large !== undefined) {
    const slope = (kind: ServerKind) => {
      const a = find(kind, small);
      const b = find(kind, large);
      // what the players added in each process, not the two processes' RSS: one server process can start 35 MB
      // above another with the same code (its idle collected RSS: 195 and 230 MB in session 21's runs)
      return ok(a) && ok(b) ? (rssAdded(b) - rssAdded(a)) / (measured(b) - measured(a)) : NaN;
    };
    const room = slope('colyseus');
    const base = slope('baseline');
    if (Number.isFinite(room) && Number.isFinite(base)) {
      checks.push({
        target: `resident memory per added player ≤ the baseline's (from ${small.toLocaleString('en-US')} to ${large.toLocaleString('en-US')} players)`,
        measured: `${fmt(room / 1024)} vs ${fmt(base / 1024)} KB`,
        met: room <= base,
      });
    }
  }
  return checks;
}

/** How a server kind is named in tables and logs. */
export function serverName(kind: ServerKind): string {
  if (kind === 'colyseus') return 'Starscape (Colyseus)';
  if (kind === 'floor') return 'floor (bare Colyseus)';
  if (kind === 'floor-hosted') return `floor, ${HOSTED_TOWNS_PER_ROOM} towns a room`;
  return 'baseline (socket.io)';
}

/** The results table (first row: header). */
export function resultRows(results: readonly RunResult[]): string[][] {
  const header = [
    'server',
    'players',
    'joins/s',
    'CPU % of a core (idle)',
    'CPU µs/s per player',
    'RSS MB: at the end / collected (idle collected)',
    'RSS KB per player (of it buffers)',
    'down B/s per player',
    'action→result p50 / p99 / max ms',
    'event-loop delay p50 / p99 / max ms',
    'actions (late, refused, drops)',
    'load gen CPU % / ELD p99 ms',
    'other processes CPU %',
    'probe CPU %',
  ];
  return [
    header,
    ...results.map((r) =>
      r.error
        ? [serverName(r.kind), r.players.toLocaleString('en-US'), `failed: ${r.error.split('\n')[0]!.slice(0, 80)}`, ...header.slice(3).map(() => '')]
        : [
            serverName(r.kind),
            r.joined === r.players ? r.players.toLocaleString('en-US') : `${r.joined.toLocaleString('en-US')} of ${r.players.toLocaleString('en-US')}`,
            fmt(r.joined / r.joinSeconds, 0),
            `${fmt(r.cpuMsPerSecond / 10)} (${fmt((r.idleCpuMsPerSecond ?? NaN) / 10)})`,
            fmt(cpuUsPerPlayer(r)),
            `${fmt(r.rssBytes / 2 ** 20, 0)} / ${fmt(rssOf(r).loaded / 2 ** 20, 0)} (${fmt(rssOf(r).idle / 2 ** 20, 0)})`,
            `${fmt(rssPerPlayer(r) / 1024)} (${fmt(externalPerPlayer(r) / 1024)})`,
            fmt(r.bytesPerPlayerSecond),
            `${fmt(r.latency.p50)} / ${fmt(r.latency.p99)} / ${fmt(r.latency.max, 0)}`,
            `${fmt(r.eventLoop.p50)} / ${fmt(r.eventLoop.p99)} / ${fmt(r.eventLoop.max, 0)}`,
            `${r.actionsSent} (${r.late}, ${r.refusals}, ${r.drops})`,
            `${fmt(r.generators.cpuPercent, 0)} / ${fmt(r.generators.eventLoopP99Ms)}`,
            fmt(r.otherCpuPercent, 0),
            fmt(r.probeCpuPercent ?? NaN),
          ],
    ),
  ];
}
