/**
 * A load generator of the load bench (forked by loadBench.ts; four of them share the players, so no one
 * process holds more sockets than its file limit allows). It signs each player's game token with the bench's
 * throwaway key, joins the players' towns at a steady rate, then drives the workload: one action per player
 * every ACTION_INTERVAL_MS at a random phase, timing each from `send` to the first update that shows its result.
 */
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createRng } from '@starscape/shared';
import { signer } from './benchTokens';
import type { FromGenerator, GeneratorReading, GeneratorSetup, ToGenerator } from './ipc';
import { createTownPlayer, type TownPlayer } from './townPlayers';
import { nextAction } from './workload';

const send = (message: FromGenerator) => process.send!(message);

// colyseus.js reports every refused or dropped join on the console; the bench counts them instead
for (const method of ['log', 'warn', 'error'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    const text = String(args[0]);
    if (text.startsWith('colyseus.js') || text.startsWith('Room connection was closed') || text.startsWith('Room, onError')) return;
    original(...args);
  };
}
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const JOIN_ATTEMPTS = 3;

/** Counts for the measured window; replaced at each mark. */
class Window {
  readonly startedAt = performance.now();
  readonly cpu = process.cpuUsage();
  latenciesMs: number[] = [];
  /** when each of `latenciesMs` was sent, in ms since the window started */
  sentAtMs: number[] = [];
  actionsSent = 0;
  late = 0;
  drops = 0;
  constructor(
    readonly bytesAtStart: number,
    readonly refusalsAtStart: number,
  ) {}
}

/** One player driven by the workload. */
class Driver {
  private pending: { sentAt: number; expected: number } | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly player: TownPlayer,
    private readonly stats: () => Window,
  ) {
    player.onUpdate = () => this.updated();
    player.onDrop = () => this.stats().drops++;
  }

  start(phaseMs: number, intervalMs: number): void {
    this.timer = setTimeout(() => {
      this.tick();
      this.timer = setInterval(() => this.tick(), intervalMs);
    }, phaseMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    clearInterval(this.timer);
  }

  private tick(): void {
    const { player } = this;
    if (!player.connected || !player.ready) return;
    const stats = this.stats();
    if (this.pending) {
      stats.late++;
      return;
    }
    const queue = player.queue();
    const action = nextAction(queue);
    this.pending = { sentAt: performance.now(), expected: queue.length + (action.kind === 'order' ? 1 : -1) };
    if (action.kind === 'order') player.order();
    else player.cancel(action.orderId);
    stats.actionsSent++;
  }

  private updated(): void {
    const pending = this.pending;
    if (!pending || this.player.queue().length !== pending.expected) return;
    this.pending = null;
    const stats = this.stats();
    if (pending.sentAt >= stats.startedAt) {
      stats.latenciesMs.push(performance.now() - pending.sentAt);
      stats.sentAtMs.push(pending.sentAt - stats.startedAt);
    }
  }
}

let setup: GeneratorSetup;
let stopJoining = false;
const drivers: Driver[] = [];
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let window = new Window(0, 0);
const totalBytes = () => drivers.reduce((sum, d) => sum + d.player.bytesRead(), 0);
const totalRefusals = () => drivers.reduce((sum, d) => sum + d.player.refusals, 0);

/** Joins every player of this share: `joinsPerSecond` started per second, at most `maxJoinsInFlight` at once. */
async function joinAll(): Promise<void> {
  const sign = await signer(setup.privateKeyPem);
  const rng = createRng(setup.seed);
  const errors: string[] = [];
  let failed = 0;
  let inFlight = 0;
  let next = 0;
  const started = performance.now();
  const progress = setInterval(() => send({ type: 'progress', joined: drivers.length, failed }), 1000);

  const joinOne = async (player: GeneratorSetup['players'][number]) => {
    for (let attempt = 1; ; attempt++) {
      const townPlayer = createTownPlayer(setup.kind, setup.endpoint, player.townId, await sign(player));
      try {
        await townPlayer.join();
        const driver = new Driver(townPlayer, () => window);
        drivers.push(driver);
        driver.start(rng.int(0, setup.actionIntervalMs - 1), setup.actionIntervalMs);
        return;
      } catch (error) {
        townPlayer.close();
        if (attempt >= JOIN_ATTEMPTS || stopJoining) {
          failed++;
          if (errors.length < 5) errors.push(`${player.townId}: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
        await sleep(1000 * attempt);
      }
    }
  };

  while (next < setup.players.length && !stopJoining) {
    const due = Math.floor(((performance.now() - started) / 1000) * setup.joinsPerSecond) + 1;
    while (next < Math.min(due, setup.players.length) && inFlight < setup.maxJoinsInFlight) {
      inFlight++;
      void joinOne(setup.players[next++]!).finally(() => inFlight--);
    }
    await sleep(10);
  }
  while (inFlight > 0) await sleep(10);
  clearInterval(progress);
  send({ type: 'joined', joined: drivers.length, failed, errors });
}

function read(): GeneratorReading {
  const cpu = process.cpuUsage(window.cpu);
  const reading: GeneratorReading = {
    connected: drivers.filter((d) => d.player.connected).length,
    latenciesMs: window.latenciesMs,
    sentAtMs: window.sentAtMs,
    actionsSent: window.actionsSent,
    late: window.late,
    refusals: totalRefusals() - window.refusalsAtStart,
    drops: window.drops,
    bytesRead: totalBytes() - window.bytesAtStart,
    windowMs: performance.now() - window.startedAt,
    cpuMs: (cpu.user + cpu.system) / 1000,
    eventLoopP99Ms: delay.percentile(99) / 1e6,
    eventLoopMaxMs: delay.max / 1e6,
  };
  return reading;
}

/**
 * Lowers this process's CPU priority: the generators stand in for players on other machines, so they take the
 * CPU the server under test leaves instead of competing with its event loop for the two cores (at 16,000
 * players they starved it for seconds at a time: BENCHMARKS.md). On Linux every thread is reniced (V8's and
 * libuv's threads already run; threads started later inherit the main thread's value).
 */
function lowerPriority(nice: number): void {
  if (nice === 0) return;
  let threads = [0]; // 0: the calling thread
  try {
    threads = readdirSync('/proc/self/task').map(Number);
  } catch {
    // not Linux: the main thread only
  }
  for (const thread of threads) {
    try {
      setPriority(thread, nice);
    } catch {
      // a thread that ended meanwhile
    }
  }
}

process.on('message', (message: ToGenerator) => {
  switch (message.type) {
    case 'setup':
      setup = message.setup;
      lowerPriority(setup.nice);
      send({ type: 'ready' });
      break;
    case 'join':
      joinAll().catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
      break;
    case 'stop-joining':
      stopJoining = true;
      break;
    case 'mark':
      window = new Window(totalBytes(), totalRefusals());
      delay.reset();
      send({ type: 'marked' });
      break;
    case 'silence':
      for (const d of drivers) d.stop();
      send({ type: 'silenced' });
      break;
    case 'read':
      send({ type: 'reading', reading: read() });
      break;
    case 'stop':
      for (const d of drivers) d.stop();
      for (const d of drivers) d.player.close();
      setTimeout(() => process.exit(0), 200);
      break;
  }
});
process.on('disconnect', () => process.exit(0));
