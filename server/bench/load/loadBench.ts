/**
 * Load benchmark (issue 5): the real game server (`src/main.ts`, NODE_ENV=production, in its own process)
 * under N simulated players, each in their own town, one action every 5 s; and, in the same run on the same
 * workload and database, the design most tutorials show (baselineServer.ts: plain objects, the whole town as
 * JSON over socket.io every second).
 *
 *   cd server && npm run bench:load                 full run, 20–30 min: 1,000 / 10,000 / 16,000 players, writes ../BENCHMARKS.md
 *   cd server && npm run bench:load -- --quick      harness check, ~2 min: 1,000 and 2,000 players, short windows, writes nothing
 *
 * Options: --players=1000,10000   --servers=colyseus,baseline   --window=30 (s)   --settle=10 (s)
 *          --window-actions=12000   --settle-actions=12000 (each phase lasts at least its seconds and until the players
 *          have sent this many actions: 60 s each at 1,000 players, see phases.ts; 0: seconds alone)
 *          --join-rate=400 (joins/s)   --generators=4   --generator-nice=10 (the load generators' CPU priority: they
 *          stand in for players on other machines, so they take what CPU the server leaves; 0: the same as the server)
 *          --generator-cpus=1 (the CPUs the load generators are pinned to, a `taskset` list; default the machine's upper
 *          half, CPU 1 of 2; none: not pinned; see generatorCpus.ts)
 *          --write / --no-write   --profile[=dir] (CPU profile of
 *          each server over its measured window, summarized here)   --keep (keep the database and logs)
 *          --heap[=dir] (live heap per player after a full collection, and what the window promoted to the old
 *          generation per action, by allocation site)   --silent=20 (s): after the window, stop every action and
 *          measure the server's CPU with everyone connected but silent, and from it the CPU of one action
 *          --servers=floor adds a bare Colyseus room per player (floorServer.ts): what the design costs at least;
 *          floor-hosted the same with 100 towns sharing a room (a player costs a client and a town, not a room)
 *          --floors=16000: the players at which both floors also run (a full run: 16,000, beside the target's run;
 *          otherwise none)
 *          --stalls: log each time the server's event loop comes back over 150 ms late, and say for the window's
 *          worst stalls whether its main thread was busy (JS, GC) or starved of CPU (stallProbe.mjs)
 *          --autosave=5000 (AUTOSAVE_INTERVAL_MS of both servers; 600000 keeps saves out of the window)
 *          --node-options=--a,--b (more options for the server processes)   --generator-node-options=--a,--b (for the
 *          load generators' processes; their output goes to this one's)
 *          --quiet=15 (before each run, wait up to 3 min until other processes use under 15 % of a core; 0: never wait)
 *          --max-join=300 (s): the ramp stops then, or when under 1 player/s joined for a minute (the server is
 *          saturated); the window then measures the players who did join
 * Only a full run with the default workload writes BENCHMARKS.md (unless --write or --no-write says otherwise);
 * every run saves its results as JSON in the temp folder, and --report-from=<that file> writes BENCHMARKS.md from it
 * (with --no-write it only prints the table and the targets).
 *
 * For each server and N: start the server, read its idle RSS once it has settled (settledIdle.ts), join N players
 * through the load generators (child processes, N/4 sockets each) at --join-rate, let it settle, then measure a
 * window: server CPU (utime + stime from /proc/<pid>/stat), RSS (/proc/<pid>/status, at the window's end), bytes
 * every client socket received, each action's time from `send` to the first update showing its result, and the
 * server's event-loop delay (its GET /metrics). Then the server is stopped (it saves every town) and the next starts.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MetricsReport } from '../../src/http/metrics';
import { freePort } from '../../test/support/freePort';
import { sleep } from '../support/async';
import { cpuBetween, describeMachine, readCpu, readMachineBusyMs, readMemory } from '../support/procStats';
import { formatTable, printTable } from '../support/table';
import { Generator } from './generators';
import { PacedProbe } from './pacedProbe';
import { parseGeneratorCpus, pinningUnavailable, pinProcess } from './generatorCpus';
import type { GeneratorReading } from './ipc';
import { saveProfile, startProfile, summarizeProfile, type ProfileSummary } from './profile';
import { collectAllGarbage, savePromotionProfile, startPromotionProfile, summarizePromotion } from './heapProfile';
import { percentile } from '../support/percentile';
import { checkTargets, measured, resultRows, serverName, slowActions, type RunResult } from './results';
import { snapshotCode } from './codeSnapshot';
import { seedDatabase } from './seed';
import { runPhases } from './phases';
import { settledRss } from './settledIdle';
import { throwawayKeys } from './benchTokens';
import { FLOOR_KINDS, isFloor, type ServerKind } from './townPlayers';
import { ServerProcess } from './servers';
import { DEFAULT_TOWN_HOSTS } from '../../src/towns/townHosts';
import { ACTION_INTERVAL_MS, benchPlayer } from './workload';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface Options {
  quick: boolean;
  players: number[];
  servers: ServerKind[];
  /** the player counts at which both floors also run */
  floorPlayers?: number[];
  /** the least settle and window; each also lasts until the players have sent so many actions (phases.ts) */
  windowMs: number;
  settleMs: number;
  windowActions: number;
  settleActions: number;
  joinsPerSecond: number;
  generators: number;
  /** the load generators' nice value (0: the server's priority) */
  generatorNice: number;
  /** the CPUs the load generators are pinned to (a `taskset` list; null: not pinned), see generatorCpus.ts */
  generatorCpus: string | null;
  /** why they are not pinned, when the default could not be had here */
  generatorCpusUnavailable: string | null;
  write: boolean;
  profileDir: string | null;
  heapDir: string | null;
  keep: boolean;
  autosaveMs: number;
  nodeOptions: string[];
  /** more Node options for the load generators */
  generatorNodeOptions: string[];
  /** before each run, wait until other processes use less than this % of a core (0: do not wait) */
  quietPercent: number;
  /** the ramp stops after this long (and when joins stall), and the players joined by then are measured */
  maxJoinMs: number;
  /** after the window: stop every action, wait 10 s, then measure the server's CPU this long (0: skip) */
  silentMs: number;
  /** log the server's event-loop stalls and summarize those in the window */
  stalls: boolean;
}

/** How the game server under test spreads its towns over rooms (the bench passes `TOWN_HOSTS` through). */
function describeHosts(hosts: number): string {
  return hosts === 0 ? 'A room per town (`TOWN_HOSTS=0`)' : `Towns share ${hosts} host rooms (\`TOWN_HOSTS\`; each client sees only its own town)`;
}

function parseOptions(argv: string[]): Options {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument ${arg}`);
    flags.set(match[1]!, match[2] ?? '');
  }
  const known = ['quick', 'players', 'servers', 'window', 'settle', 'join-rate', 'generators', 'generator-nice', 'generator-cpus', 'write', 'no-write', 'profile', 'keep', 'autosave', 'node-options', 'generator-node-options', 'quiet', 'max-join', 'heap', 'silent', 'stalls', 'floors', 'window-actions', 'settle-actions'];
  for (const flag of flags.keys()) if (!known.includes(flag)) throw new Error(`unknown option --${flag} (known: ${known.map((k) => `--${k}`).join(' ')})`);
  const quick = flags.has('quick') || process.env.BENCH_QUICK === '1';
  const list = (value: string | undefined) => value?.split(',').filter(Boolean);
  const players = (list(flags.get('players')) ?? (quick ? ['1000', '2000'] : ['1000', '10000', '16000'])).map(Number);
  if (players.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--players takes whole numbers, like --players=1000,10000');
  const nice = flags.get('generator-nice');
  if (nice !== undefined && !/^(1?[0-9])$/.test(nice)) throw new Error('--generator-nice takes a nice value from 0 to 19, like --generator-nice=10');
  const servers = (list(flags.get('servers')) ?? ['colyseus', 'baseline']) as ServerKind[];
  const kinds: ServerKind[] = ['colyseus', 'baseline', ...FLOOR_KINDS];
  if (servers.some((s) => !kinds.includes(s))) throw new Error(`--servers takes ${kinds.join(', ')}`);
  // a full run measures the floors beside the 16,000-player target: how far below them it is
  const fullRun = !quick && !flags.has('players') && !flags.has('servers');
  const floorPlayers = (list(flags.get('floors')) ?? (fullRun ? ['16000'] : [])).map(Number);
  if (floorPlayers.some((n) => !players.includes(n))) throw new Error('--floors takes player counts that --players also runs, like --floors=16000');
  const cpusOption = flags.get('generator-cpus');
  const requestedCpus = parseGeneratorCpus(cpusOption);
  const unavailable = cpusOption === 'none' ? null : requestedCpus === null ? 'this machine has one CPU' : pinningUnavailable();
  if (unavailable && cpusOption) throw new Error(`--generator-cpus=${cpusOption}: cannot pin here, ${unavailable}`);
  const seconds = (flag: string, fallback: number) => (flags.get(flag) ? Number(flags.get(flag)) * 1000 : fallback);
  return {
    quick,
    players,
    servers,
    floorPlayers,
    windowMs: seconds('window', quick ? 10_000 : 30_000),
    settleMs: seconds('settle', quick ? 6000 : 10_000),
    windowActions: Number(flags.get('window-actions') || (quick ? 0 : 12_000)),
    settleActions: Number(flags.get('settle-actions') || (quick ? 0 : 12_000)),
    joinsPerSecond: Number(flags.get('join-rate') || 400),
    // 4, not 2: a generator serving 8,000 sockets lagged behind them (16,000 players, same code, two pairs: p50 from
    // action to result 150 and 79 ms with 2 generators, 29 and 32 with 4; BENCHMARKS.md, session 12)
    generators: Number(flags.get('generators') || 4),
    generatorNice: Number(flags.get('generator-nice') || 10),
    generatorCpus: unavailable ? null : requestedCpus,
    generatorCpusUnavailable: unavailable,
    write: flags.has('write') || (!quick && !flags.has('no-write') && ![...flags.keys()].some((f) => ['players', 'servers', 'autosave', 'profile', 'node-options', 'generator-node-options', 'heap', 'generator-nice', 'generator-cpus'].includes(f))),
    profileDir: flags.has('profile') ? flags.get('profile') || path.join(os.tmpdir(), 'starscape-load-profiles') : null,
    heapDir: flags.has('heap') ? flags.get('heap') || path.join(os.tmpdir(), 'starscape-load-profiles') : null,
    keep: flags.has('keep'),
    autosaveMs: Number(flags.get('autosave') || 5000),
    nodeOptions: list(flags.get('node-options')) ?? [],
    generatorNodeOptions: list(flags.get('generator-node-options')) ?? [],
    quietPercent: Number(flags.get('quiet') ?? 15),
    maxJoinMs: seconds('max-join', 300_000),
    silentMs: seconds('silent', 0),
    stalls: flags.has('stalls'),
  };
}

/** A full garbage collection in the stall log: when it ended (ms since the epoch) and its final pause. */
interface FullCollection {
  fullCollectionAt: number;
  pauseMs: number;
}

interface Stall {
  endedAt: number;
  ms: number;
  mainThreadMs: number;
  processMs: number;
  machineIdleMs: number;
  machineMs: number;
  gcMs: number;
  longestGcMs: number;
  majorGc: boolean;
}

/**
 * The window's event-loop stalls (stallProbe.mjs), worst first: a main thread that ran for most of a stall was
 * busy (a long task, GC, a backlog); one that ran for little of it, on a machine with no idle CPU, was starved.
 * Returns how many full collections ended in the window (the probe logs each one).
 */
async function reportStalls(file: string, from: number, to: number, log: (line: string) => void): Promise<number> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const lines = text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Stall | FullCollection);
  const fullCollections = lines.filter((l): l is FullCollection => 'fullCollectionAt' in l && l.fullCollectionAt >= from && l.fullCollectionAt <= to);
  log(`full garbage collections in the window: ${fullCollections.length}${fullCollections.length ? ` (final pauses ${fullCollections.map((c) => c.pauseMs).join(', ')} ms)` : ''}`);
  const stalls = lines
    .filter((l): l is Stall => 'endedAt' in l)
    .filter((s) => s.endedAt - s.ms >= from && s.endedAt <= to)
    .sort((a, b) => b.ms - a.ms);
  const starved = stalls.filter((s) => s.mainThreadMs < s.ms / 2);
  log(
    `event-loop stalls over 150 ms in the window: ${stalls.length} (${starved.length} with the main thread starved: it ran under half the stall), ` +
      `${stalls.reduce((sum, s) => sum + s.ms, 0)} ms in all (stall log: ${file})`,
  );
  if (stalls.length === 0) return fullCollections.length;
  printTable([
    ['stall ms', 'main thread ran ms', 'process CPU ms', 'machine idle %', 'GC ms (longest)', 'major GC'],
    ...stalls.slice(0, 8).map((s) => [
      String(s.ms),
      String(s.mainThreadMs),
      String(s.processMs),
      ((100 * s.machineIdleMs) / Math.max(1, s.machineMs)).toFixed(0),
      `${s.gcMs} (${s.longestGcMs})`,
      s.majorGc ? 'yes' : '',
    ]),
  ]);
  return fullCollections.length;
}

/** Where a profile's time goes: the functions worth naming in the report. */
const WATCHED =
  /^(broadcastPatch|applyPatches|saveIfDirty|save|commit|writeTownState|_onMessage|onMessage|handleMessage|encode|encodeAll|send|raw|enqueueRaw|authenticate|verify|emit|rebase|advance|orderShips|cancelShipOrder|JSON\.stringify|stringify|sendFrame|ping|(anonymous))@(.*(ws-transport\/.*|server\/src\/.*|@colyseus\/.*|ws\/.*|socket\.io\/.*|engine\.io\/.*|bench\/load\/.*|@prisma\/.*|better-sqlite3\/.*))$/;

/**
 * Waits (at most `maxMs`) until the rest of the machine has used under `percent` % of a core for 5 s in a row:
 * other work on the box (a test suite, a build) would take CPU from the server and the load generators.
 */
async function waitForQuietMachine(percent: number, maxMs: number): Promise<void> {
  const deadline = performance.now() + maxMs;
  let said = false;
  for (;;) {
    const before = readMachineBusyMs();
    const at = performance.now();
    await sleep(5000);
    const busy = ((readMachineBusyMs() - before) / (performance.now() - at)) * 100;
    if (busy < percent) return;
    if (performance.now() > deadline) {
      console.log(`  the machine is still busy (${busy.toFixed(0)} % of a core used by other processes); measuring anyway`);
      return;
    }
    if (!said) console.log(`  waiting for the machine to calm down (${busy.toFixed(0)} % of a core used by other processes)...`);
    said = true;
  }
}

/**
 * RSS and live heap right after a forced full collection (`collectAllGarbage`), once the pages it gave back have
 * been returned to the system. RSS as read at any moment also holds whatever garbage and young-generation room
 * the heap has then: at 1,000 players that swung our server's RSS between 213 and 314 MB at the end of the same
 * window, and its idle RSS between 226 and 295 MB, against a difference of 20 to 40 MB that the players make
 * (BENCHMARKS.md, session 21). Read after a collection at both ends, the difference is the players'.
 */
async function collectedMemory(server: ServerProcess): Promise<{ rssBytes: number; liveHeapBytes: number }> {
  if (!server.inspectorUrl) throw new Error(`the ${server.kind} server opened no inspector: cannot force a collection`);
  const liveHeapBytes = await collectAllGarbage(server.inspectorUrl);
  await sleep(2000);
  return { rssBytes: readMemory(server.pid).rssBytes, liveHeapBytes };
}

async function measure(
  kind: ServerKind,
  players: number,
  options: Options,
  shared: { databaseUrl: string; publicKeyPem: string; privateKeyPem: string; logDir: string; serverDir: string; probe: PacedProbe },
): Promise<{ result: RunResult; profile?: ProfileSummary }> {
  const label = `${serverName(kind)}, ${players.toLocaleString('en-US')} players`;
  const log = (line: string) => console.log(`[${label}] ${line}`);
  if (options.quietPercent > 0) await waitForQuietMachine(options.quietPercent, 180_000);
  const server = await ServerProcess.start(kind, {
    port: await freePort(),
    databaseUrl: shared.databaseUrl,
    publicKeyPem: shared.publicKeyPem,
    logFile: path.join(shared.logDir, `${kind}-${players}.log`),
    inspect: true, // for `collectedMemory`, outside the window (and --profile, --heap)
    autosaveMs: options.autosaveMs,
    nodeOptions: options.nodeOptions,
    serverDir: shared.serverDir,
    stallLog: options.stalls ? path.join(shared.logDir, `${kind}-${players}.stalls.jsonl`) : undefined,
  });
  const generators: Generator[] = [];
  try {
    const idle = await settledRss(() => readMemory(server.pid).rssBytes, sleep);
    if (!idle.settled) log(`idle RSS still moving after ${idle.waitedMs / 1000} s; taking the latest reading`);
    const idleFrom = readCpu(server.pid);
    await sleep(3000);
    const idleCpu = cpuBetween(idleFrom, readCpu(server.pid)).msPerSecond;
    const idleMetrics = await server.metrics();
    const idleCollected = await collectedMemory(server);
    log(`server up (pid ${server.pid}), idle: RSS ${(idle.rssBytes / 2 ** 20).toFixed(0)} MB (settled after ${idle.waitedMs / 1000} s; ${(idleCollected.rssBytes / 2 ** 20).toFixed(0)} after a full collection), CPU ${(idleCpu / 10).toFixed(1)} %; joining at ${options.joinsPerSecond}/s`);

    const shares = Array.from({ length: Math.min(options.generators, players) }, () => [] as ReturnType<typeof benchPlayer>[]);
    for (let i = 0; i < players; i++) shares[i % shares.length]!.push(benchPlayer(i));
    generators.push(
      ...(await Promise.all(
        shares.map((share, g) =>
          Generator.start({
            kind,
            endpoint: server.endpoint,
            privateKeyPem: shared.privateKeyPem,
            players: share.map(({ userId, townId, name }) => ({ userId, townId, name })),
            joinsPerSecond: options.joinsPerSecond / shares.length,
            maxJoinsInFlight: 25,
            actionIntervalMs: ACTION_INTERVAL_MS,
            seed: players * 10 + g,
            nice: options.generatorNice,
          }, options.generatorNodeOptions, options.generatorCpus),
        ),
      )),
    );

    // join everyone, reporting progress every 5 s
    const joinStarted = performance.now();
    const progress = generators.map(() => ({ joined: 0, failed: 0 }));
    let cpuMark = readCpu(server.pid);
    let stalled: string | undefined;
    const recent: number[] = []; // players joined at each 5-s tick
    const ticker = setInterval(() => {
      const cpuNow = readCpu(server.pid);
      const joined = progress.reduce((s, p) => s + p.joined, 0);
      const failed = progress.reduce((s, p) => s + p.failed, 0);
      log(`joined ${joined}/${players}${failed ? ` (${failed} failed)` : ''}, server CPU ${(cpuBetween(cpuMark, cpuNow).msPerSecond / 10).toFixed(0)} %`);
      cpuMark = cpuNow;
      recent.push(joined);
      // the server cannot take more: under 1 join/s for a minute, or the ramp has run out of time
      const minuteAgo = recent.at(-13);
      const why =
        minuteAgo !== undefined && joined - minuteAgo < 60
          ? `under 1 join/s for a minute (${joined - minuteAgo} joined)`
          : performance.now() - joinStarted > options.maxJoinMs
            ? `joining took over ${options.maxJoinMs / 1000} s`
            : undefined;
      if (why && !stalled) {
        stalled = why;
        log(`stopping the ramp at ${joined} players: ${why}`);
        for (const g of generators) g.stopJoining();
      }
    }, 5000);
    const joins = await Promise.all(
      generators.map((g, i) =>
        g.join((joined, failed) => {
          progress[i] = { joined, failed };
        }),
      ),
    ).finally(() => clearInterval(ticker));
    const joinSeconds = (performance.now() - joinStarted) / 1000;
    const joined = joins.reduce((s, j) => s + j.joined, 0);
    const phases = runPhases(joined, options);
    const failedJoins = joins.reduce((s, j) => s + j.failed, 0);
    const errors = joins.flatMap((j) => j.errors);
    log(`${joined} joined in ${joinSeconds.toFixed(0)} s${failedJoins ? `, ${failedJoins} failed: ${errors.slice(0, 3).join('; ')}` : ''}${stalled ? ` (ramp stopped: ${stalled})` : ''}; settling ${phases.settleMs / 1000} s, then measuring ${phases.windowMs / 1000} s`);
    if (joined === 0) throw new Error(`no player could join: ${errors.slice(0, 3).join('; ')}`);
    await sleep(phases.settleMs);

    // the measured window
    const stopProfile = options.profileDir && server.inspectorUrl ? await startProfile(server.inspectorUrl) : undefined;
    const stopPromotion = options.heapDir && server.inspectorUrl ? await startPromotionProfile(server.inspectorUrl) : undefined;
    await Promise.all(generators.map((g) => g.mark()));
    const markedAt = Date.now();
    const cpuBefore = readCpu(server.pid);
    const probeBefore = shared.probe.read();
    const machineBefore = readMachineBusyMs();
    const windows = new Map<number, NonNullable<MetricsReport['eventLoopDelayMs']['lastWindow']>>();
    let windowSeconds = 5;
    const windowEnd = performance.now() + phases.windowMs;
    let lastMetrics: MetricsReport | undefined;
    while (performance.now() < windowEnd) {
      // twice per delay window: no window is missed, and the server answers few requests (each cost our server
      // about 1.5 ms of CPU at 1,000 players, 3 % of what the window measured when it was read every second)
      await sleep(Math.min((windowSeconds * 1000) / 2, Math.max(0, windowEnd - performance.now())));
      // a saturated server may answer late: a missed reading only loses a delay window it reads again later
      // (a whole number of ms: AbortSignal.timeout throws on a fraction, which once lost all but the last readings)
      const reading = await server.metrics(Math.ceil(Math.max(1000, windowEnd - performance.now()))).catch(() => undefined);
      if (!reading) continue;
      lastMetrics = reading;
      windowSeconds = reading.eventLoopDelayMs.windowSeconds;
      const w = reading.eventLoopDelayMs.lastWindow;
      if (w) windows.set(w.endedAt, w);
    }
    const cpuAfter = readCpu(server.pid);
    const probeAfter = shared.probe.read();
    const machineAfter = readMachineBusyMs();
    const endedAt = Date.now();
    const memory = readMemory(server.pid);
    const readings: GeneratorReading[] = await Promise.all(generators.map((g) => g.read()));
    const profile = stopProfile ? await stopProfile() : undefined;
    const promotion = stopPromotion ? await stopPromotion() : undefined;
    // after every reading of the window: the forced collection is no part of what it measures
    const collected = await collectedMemory(server);

    // the delay windows wholly inside the measured window (or, in a short window, those that ended in it)
    const ended = [...windows.values()].filter((w) => w.endedAt > markedAt && w.endedAt <= endedAt + 250);
    const wholly = ended.filter((w) => w.endedAt - windowSeconds * 1000 >= markedAt - 250);
    const inside = wholly.length > 0 ? wholly : ended;
    const p50s = inside.map((w) => w.p50).sort((a, b) => a - b);
    const unsorted = readings.flatMap((r) => r.latenciesMs); // in the order of `sentAtMs`, for `slowActions`
    const latencies = [...unsorted].sort((a, b) => a - b);
    const windowMs = Math.max(...readings.map((r) => r.windowMs));
    const slow = slowActions(
      unsorted,
      readings.flatMap((r) => r.sentAtMs),
      windowMs,
    );
    const connectedAtEnd = readings.reduce((s, r) => s + r.connected, 0);
    const cpu = cpuBetween(cpuBefore, cpuAfter);
    const probeCpuPercent = cpuBetween(probeBefore, probeAfter).msPerSecond / 10;
    const result: RunResult = {
      kind,
      players,
      stalled,
      joined,
      failedJoins,
      joinSeconds,
      windowSeconds: (cpuAfter.atMs - cpuBefore.atMs) / 1000,
      cpuMsPerSecond: cpu.msPerSecond,
      idleCpuMsPerSecond: idleCpu,
      systemMsPerSecond: cpu.systemMsPerSecond,
      rssIdleBytes: idle.rssBytes,
      rssBytes: memory.rssBytes,
      rssCollectedIdleBytes: idleCollected.rssBytes,
      rssCollectedBytes: collected.rssBytes,
      ...(kind === 'colyseus' ? { inputTickMs: idleMetrics.inputTick?.tickMs ?? 0 } : {}),
      heapIdleBytes: idleMetrics.memory.heapUsedBytes,
      heapUsedBytes: lastMetrics?.memory.heapUsedBytes ?? NaN,
      externalIdleBytes: idleMetrics.memory.externalBytes,
      externalBytes: lastMetrics?.memory.externalBytes ?? NaN,
      bytesPerPlayerSecond: readings.reduce((s, r) => s + r.bytesRead, 0) / (windowMs / 1000) / Math.max(1, connectedAtEnd),
      latency: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN, samples: latencies.length },
      slow,
      actionsSent: readings.reduce((s, r) => s + r.actionsSent, 0),
      late: readings.reduce((s, r) => s + r.late, 0),
      refusals: readings.reduce((s, r) => s + r.refusals, 0),
      drops: readings.reduce((s, r) => s + r.drops, 0),
      connectedAtEnd,
      eventLoop: {
        p50: percentile(p50s, 50),
        p99: Math.max(...inside.map((w) => w.p99)),
        max: Math.max(...inside.map((w) => w.max)),
        windows: inside.length,
      },
      generators: {
        cpuPercent: Math.max(...readings.map((r) => r.cpuMs / r.windowMs)) * 100,
        eventLoopP99Ms: Math.max(...readings.map((r) => r.eventLoopP99Ms)),
      },
      otherCpuPercent: Math.max(
        0,
        ((machineAfter - machineBefore - ((cpu.msPerSecond + probeCpuPercent * 10) * (cpuAfter.atMs - cpuBefore.atMs)) / 1000 - readings.reduce((s, r) => s + r.cpuMs, 0)) / (cpuAfter.atMs - cpuBefore.atMs)) * 100,
      ),
      probeCpuPercent,
    };
    log(
      `window ${result.windowSeconds.toFixed(1)} s: CPU ${(result.cpuMsPerSecond / 10).toFixed(1)} %, RSS ${(memory.rssBytes / 2 ** 20).toFixed(0)} MB (${(collected.rssBytes / 2 ** 20).toFixed(0)} after a full collection), ` +
        `p50/p99 ${result.latency.p50.toFixed(1)}/${result.latency.p99.toFixed(1)} ms over ${latencies.length} actions, ${result.bytesPerPlayerSecond.toFixed(1)} B/s per player`,
    );
    if (slow.count > 0) {
      log(
        `actions over ${slow.thresholdMs} ms: ${slow.count} (${((slow.count / Math.max(1, latencies.length)) * 100).toFixed(2)} %), sent in ${slow.seconds} of the window's ${slow.windowSeconds} s; ` +
          `the worst second (${slow.worstSecond.at} s in) held ${slow.worstSecond.count}, the worst five seconds ${(slow.shareInWorstFiveSeconds * 100).toFixed(0)} % of them`,
      );
    }

    if (options.silentMs > 0) {
      await Promise.all(generators.map((g) => g.silence()));
      await sleep(10_000); // in-flight results land; every ping timer goes round once
      const silentFrom = readCpu(server.pid);
      await sleep(options.silentMs);
      result.silentCpuMsPerSecond = cpuBetween(silentFrom, readCpu(server.pid)).msPerSecond;
      const actionsPerSecond = result.actionsSent / result.windowSeconds;
      log(
        `silent (connected, no actions) ${options.silentMs / 1000} s: CPU ${(result.silentCpuMsPerSecond / 10).toFixed(1)} % = ${((result.silentCpuMsPerSecond * 1000) / measured(result)).toFixed(1)} µs/s per player; ` +
          `actions ${actionsPerSecond.toFixed(0)}/s → ${(((result.cpuMsPerSecond - result.silentCpuMsPerSecond) * 1000) / actionsPerSecond).toFixed(0)} µs of CPU per action above silent`,
      );
    }

    let summary: ProfileSummary | undefined;
    if (profile && options.profileDir) {
      await mkdir(options.profileDir, { recursive: true });
      const file = path.join(options.profileDir, `${kind}-${players}.cpuprofile`);
      await saveProfile(file, profile);
      summary = summarizeProfile(profile, WATCHED);
      log(`CPU profile of the window: ${file}`);
      printProfile(summary);
      const long = summarizeProfile(profile, WATCHED, 25, 50);
      log(`inside long tasks (≥ 50 ms without a turn of the event loop): ${long.busyMs.toFixed(0)} ms of the window`);
      if (long.busyMs > 0) printProfile(long);
    }
    if (options.stalls) result.fullCollections = await reportStalls(path.join(shared.logDir, `${kind}-${players}.stalls.jsonl`), markedAt, endedAt, log);
    if (options.heapDir && promotion) {
      await mkdir(options.heapDir, { recursive: true });
      const file = path.join(options.heapDir, `${kind}-${players}.heapprofile`);
      await savePromotionProfile(file, promotion);
      const live = collected.liveHeapBytes;
      const actions = latencies.length;
      const promoted = summarizePromotion(promotion);
      const perAction = (bytes: number) => (bytes / Math.max(1, actions)).toFixed(0);
      log(
        `live heap after a full collection: ${(live / 2 ** 20).toFixed(0)} MB (idle ${(idleCollected.liveHeapBytes / 2 ** 20).toFixed(0)} MB), ` +
          `${((live - idleCollected.liveHeapBytes) / joined / 1024).toFixed(1)} KB per player; promoted in the window: ` +
          `${(promoted.totalBytes / 2 ** 20).toFixed(1)} MB, ${perAction(promoted.totalBytes)} B per action (${file})`,
      );
      printTable([['promoted by package', 'B per action'], ...promoted.byOwner.slice(0, 10).map((o) => [o.owner, perAction(o.bytes)])]);
      printTable([['promoted by allocation site', 'called from', 'B per action'], ...promoted.bySite.map((s) => [s.site, s.caller, perAction(s.bytes)])]);
    }
    return { result, profile: summary };
  } finally {
    // the server first: its shutdown saves every town while the clients are still there to be disconnected
    const code = await server.stop();
    if (code !== 0) log(`server exited with ${code}`);
    await Promise.all(generators.map((g) => g.stop()));
  }
}

function printProfile(summary: ProfileSummary): void {
  const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
  console.log(`  sampled: ${summary.busyMs.toFixed(0)} ms busy, ${summary.idleMs.toFixed(0)} ms idle`);
  printTable([['self time by package', 'ms', 'share'], ...summary.byOwner.slice(0, 15).map((o) => [o.owner, o.selfMs.toFixed(0), pct(o.share)])]);
  printTable([['self time by function', 'where', 'ms', 'share'], ...summary.byFunction.slice(0, 25).map((f) => [f.name, f.where, f.selfMs.toFixed(0), pct(f.share)])]);
  printTable([['total time below', 'ms', 'share'], ...summary.inclusive.slice(0, 25).map((f) => [f.name, f.totalMs.toFixed(0), pct(f.share)])]);
}

const BEGIN = '<!-- load-bench:begin (written by `npm run bench:load` in server/; edit outside these markers) -->';
const END = '<!-- load-bench:end -->';

async function writeReport(file: string, section: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    text = '# Benchmarks\n\nMeasured numbers of Starscape\'s benchmarks, with the machine they ran on.\n\n';
  }
  const block = `${BEGIN}\n${section.trimEnd()}\n${END}`;
  const from = text.indexOf(BEGIN);
  const to = text.indexOf(END);
  text = from >= 0 && to > from ? `${text.slice(0, from)}${block}${text.slice(to + END.length)}` : `${text.trimEnd()}\n\n${block}\n`;
  await writeFile(file, text);
}

/** The input tick the game server ran with, as its /metrics said (runs saved before it was recorded say nothing). */
function describeTick(results: RunResult[]): string {
  const ticks = [...new Set(results.flatMap((r) => (r.inputTickMs === undefined ? [] : [r.inputTickMs])))];
  if (ticks.length === 0) return 'its input tick was not recorded for this run';
  if (ticks.length > 1) return `input ticks of ${ticks.join(', ')} ms in different runs (0: none)`;
  return ticks[0] === 0
    ? 'no tick here (`INPUT_TICK_MS=0`: every message handled the moment it comes)'
    : `one tick for the whole process (\`INPUT_TICK_MS\` ${ticks[0]}: while the event loop has time to spare it takes its input once per tick, see \`transport/InputTick.ts\`)`;
}

/** "12,000 actions each", or "8,000 and 12,000 actions" when settle and window ask for different counts. */
function describeActions(options: Options): string {
  const count = (n: number) => n.toLocaleString('en-US');
  return options.settleActions === options.windowActions
    ? `${count(options.windowActions)} actions each`
    : `${count(options.settleActions)} and ${count(options.windowActions)} actions`;
}

/** "60 s each at 1,000 players": the phases of the smallest N, the one the actions lengthen most. */
function describePhases(results: RunResult[], options: Options): string {
  const fewest = Math.min(...results.map((r) => r.players));
  const { settleMs, windowMs } = runPhases(fewest, options);
  return `${settleMs / 1000} s and ${windowMs / 1000} s at ${fewest.toLocaleString('en-US')} players`;
}

/** Where the load generators ran, for the method text and the run's first lines. */
function describeGeneratorCpus(options: Options): string {
  if (options.generatorCpus) return `they are pinned to CPU ${options.generatorCpus} (\`taskset\`), so the server, which may run on any CPU, keeps the other core's caches to itself, as it would with its players elsewhere (generatorCpus.ts)`;
  if (options.generatorCpusUnavailable) return `they could not be pinned to a CPU here (${options.generatorCpusUnavailable}), so they share every core with the server`;
  if (options.generatorCpus === null) return 'they are not pinned to a CPU (`--generator-cpus=none`), so they share every core with the server';
  return 'where they ran is not recorded (a run from before they were pinned)';
}

function reportSection(results: RunResult[], options: Options, machine: string, code: string, started: Date, minutes: number): string {
  const checks = checkTargets(results);
  const verdict = (met: boolean | null) => (met === null ? 'not measured' : met ? '**met**' : '**missed**');
  return [
    '## Load: one game server process, N players each in their own town',
    '',
    `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}; the servers and the load generators share this machine. Code: ${code}.`,
    `Run: \`cd server && npm run bench:load\` (${minutes.toFixed(0)} min; \`-- --quick\` checks the harness in about two minutes and writes nothing).`,
    '',
    `Workload: every player has an account and a mid-game town in one fresh SQLite database; each player's client joins its own town, then every ${ACTION_INTERVAL_MS / 1000} s (random phase) orders one scout or cancels that order. ` +
      `Both servers are separate processes with NODE_ENV=production; both load the town from the database on join, check the game token (Ed25519) and the account, apply the rules from \`shared\`, validate messages with the shared schemas, and save a changed town ${options.autosaveMs / 1000} s after its first change with the same \`TownSaver\` and repository, built as \`src/main.ts\` builds it. ` +
      `Players join at ${options.joinsPerSecond}/s through ${options.generators} load-generator processes (colyseus.js or socket.io-client, one connection each; the colyseus.js clients decode into the server's state classes, not classes built from its reflection per client, see townPlayers.ts${options.generatorNice > 0 ? `; they run at nice ${options.generatorNice}, so they take the CPU the server leaves, as players on other machines would` : ''}; ${describeGeneratorCpus(options)}); the server settles, then a window is measured: each at least ${options.settleMs / 1000} s and ${options.windowMs / 1000} s${options.settleActions || options.windowActions ? `, and until the players have sent ${describeActions(options)} (${describePhases(results, options)}): a small N is measured at its steady state too, after V8 has optimized its code and with the garbage collections of a steady state in the window (\`phases.ts\`)` : ''}.`,
    '',
    `- **Starscape (Colyseus)**: the real \`server/src/main.ts\`. ${describeHosts(Number(process.env.TOWN_HOSTS || DEFAULT_TOWN_HOSTS))}, lazy production, no patch timer, a town patches its clients only right after a change; ${describeTick(results)}.`,
    '- **baseline (socket.io)**: `server/bench/load/baselineServer.ts`, the design most tutorials show: each town a plain object in a Map; once a second every town moves on and goes out whole as JSON (`socket.emit`), and again right after an action.',
    ...(results.some((r) => isFloor(r.kind))
      ? [
          '- **floor (bare Colyseus)** and **floor, 100 towns a room**: `server/bench/load/floorServer.ts`, what the design costs at least: the same Colyseus, transport and schema with no game in it (no token, database, rules or validation beyond a type check; a tiny state), a patch right after each change; a room per town, or 100 towns sharing a room, each client still seeing its own town as the room\'s state.',
        ]
      : []),
    '',
    'Columns: joins/s is the ramp\'s pace (players joined ÷ time to join them; the ramp stops early when the server takes under one join a second for a minute, and the window then measures those who joined); CPU is the server process (user + system of every thread, from `/proc/<pid>/stat`) over the window, with the same server idle before anyone joined in brackets; CPU per player is the whole window\'s CPU ÷ players; RSS is at the window\'s end as the process holds it, and again right after a full collection the bench forces through the server\'s inspector (all the garbage the heap can give back, as V8\'s memory reducer collects it; after every reading of the window), with the idle server\'s collected RSS in brackets (idle: before anyone joined, once its RSS has held still for 10 s, at least 20 s after it started); per player = (collected RSS − idle collected RSS) / N: read as the process holds it, our server\'s RSS at 1,000 players swung by 100 MB between runs with the heap\'s garbage and young-generation room, against the 20–40 MB its players add; of it buffers: memory outside the V8 heap (ArrayBuffers: socket and encoder buffers), from the window\'s end; the targets also compare memory per added player (from the smallest N to the next: how much more the players added, collected RSS over idle collected RSS, per player more; one process can start tens of MB above another with the same code, so each N is measured against its own idle); ' +
      'downstream bytes are what the client sockets received (TCP payload: WebSocket frames with headers, pings, socket.io packet framing); action→result is from `send` on the client to the first update that shows the changed shipyard queue; ' +
      'event-loop delay is the server\'s own (GET /metrics: for a paced loop the busy stretch of each turn, how long what arrived meanwhile waited beyond its tick; otherwise `monitorEventLoopDelay`): median p50, highest p99 and highest max of the 5-s windows inside the measured window, read twice per window. ' +
      'Actions: sent in the window (late: a tick skipped because the previous action had no result yet; refused; connections dropped). Load gen: the busiest load-generator process, to show it was not the bottleneck; other processes: CPU the rest of the machine used meanwhile (other work on a shared machine slows everything down). Probe: the CPU of a Node process that does the same small job every 50 ms (about 0.12 ms of work back to back, so 0.24 % of a core at best), run beside the server over the same window, on the load generators\' CPU when they are pinned (`pacedProbe.ts`): what the machine charged for work in small pieces in those seconds. It moves with the hour (0.9 % beside 1,000 players in a slow one) and is not subtracted from anything.',
    '',
    ...formatTable(resultRows(results)),
    '',
    '### Targets (issue 5)',
    '',
    ...formatTable([['target', 'measured', 'verdict'], ...checks.map((c) => [c.target, c.measured, verdict(c.met)])]),
    '',
  ].join('\n');
}

/** Prints the table and the targets; with `write`, puts them into BENCHMARKS.md. */
async function report(results: RunResult[], options: Options, machine: string, code: string, started: Date, minutes: number, write: boolean): Promise<void> {
  printTable(resultRows(results));
  console.log('');
  for (const check of checkTargets(results)) console.log(`${check.met === null ? '–' : check.met ? 'met   ' : 'MISSED'}  ${check.target}: ${check.measured}`);
  if (write) {
    const file = path.join(repoRoot, 'BENCHMARKS.md');
    await writeReport(file, reportSection(results, options, machine, code, started, minutes));
    console.log(`\nwritten to ${file}`);
  }
}

async function main(): Promise<void> {
  const from = process.argv.find((a) => a.startsWith('--report-from='));
  if (from) {
    const saved = JSON.parse(await readFile(from.slice('--report-from='.length), 'utf8')) as { machine: string; code?: string; started: string; minutes: number; options: Options; results: RunResult[] };
    const write = !process.argv.includes('--no-write'); // --no-write: print the table and the targets only
    await report(saved.results, saved.options, saved.machine, saved.code ?? 'not recorded', new Date(saved.started), saved.minutes, write);
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  const machine = describeMachine();
  const started = new Date();
  console.log(`Load bench: ${options.servers.join(' and ')} at ${options.players.join(', ')} players; ${machine}`);
  console.log(`load generators: ${describeGeneratorCpus(options)}`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'starscape-load-'));
  const logDir = path.join(work, 'logs');
  await mkdir(logDir);
  const databaseUrl = `file:${path.join(work, 'bench.db')}`;
  const most = Math.max(...options.players);
  const seeded = await seedDatabase(databaseUrl, most);
  console.log(`seeded ${most} players and towns in ${(seeded.ms / 1000).toFixed(1)} s (${work})`);
  const code = await snapshotCode(repoRoot);
  console.log(`code under test: ${code.version} (copied to ${code.root})`);
  const probe = await PacedProbe.start();
  if (options.generatorCpus) pinProcess(probe.pid, options.generatorCpus); // off the server's core, like the generators
  const shared = { databaseUrl, ...(await throwawayKeys()), logDir, serverDir: code.serverDir, probe };

  const results: RunResult[] = [];
  try {
    for (const players of options.players) {
      const floors = options.floorPlayers?.includes(players) ? FLOOR_KINDS : [];
      for (const kind of [...options.servers, ...floors.filter((f) => !options.servers.includes(f))]) {
        try {
          const { result } = await measure(kind, players, options, shared);
          results.push(result);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          console.error(`[${kind}, ${players}] failed: ${message} (logs in ${logDir})`);
          results.push({ kind, players, error: message } as RunResult);
        }
      }
    }
  } finally {
    probe.stop();
    await rm(code.root, { recursive: true, force: true });
    if (!options.keep && !options.profileDir) await rm(work, { recursive: true, force: true });
    else console.log(`database and server logs kept in ${work}`);
  }

  const minutes = (Date.now() - started.getTime()) / 60_000;
  const resultsFile = path.join(os.tmpdir(), `starscape-load-results-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(resultsFile, JSON.stringify({ machine, code: code.version, started, minutes, options, results }, null, 2));
  console.log(`\nresults: ${resultsFile} (\`--report-from=<file>\` writes BENCHMARKS.md from it again)`);
  console.log('');
  await report(results, options, machine, code.version, started, minutes, options.write);
}

await main();
