import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createPrismaClient, migrateDatabase, type PrismaClient } from '@starscape/prisma';
import { SECTOR_SLOTS, townPoints, townSchema, type Town } from '@starscape/shared';
import { startService, type Service } from '../../../../scripts/lib/services';
import type { MetricsReport } from '../../../src/http/metrics';
import { sleep } from '../../support/roomProbe';

export { sleep };
import { freePort } from '../../support/freePort';
import { createTestTokens } from '../../support/gameTokens';

/**
 * The crash and soak tests' world: a fresh SQLite file seeded with players and towns (fast, `createMany` as the
 * load bench does), and the production entry (`src/main.ts`) started on it as a child process, as many times as
 * a test needs (a restart after SIGKILL uses the same file). Standalone: no Redis, one process.
 */

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface SeedPlayer {
  userId: string;
  townId: string;
  name: string;
  town: Town;
}

/** A running game server process. */
export interface GameProcess {
  port: number;
  endpoint: string;
  service: Service;
  /** lines the process logged at ERROR level so far */
  errorLines: string[];
  /** sends `signal`; resolves once the process is gone, with its exit code (null when a signal ended it) */
  kill(signal: NodeJS.Signals): Promise<number | null>;
  alive(): boolean;
  metrics(): Promise<MetricsReport>;
  /**
   * Forces full garbage collections in the server (through the inspector it was started with: the
   * production code has no hook for it) and returns `process.memoryUsage().heapUsed` right after.
   */
  heapAfterGc(): Promise<number>;
}

export interface ProcessOptions {
  gameSpeed: number;
  autosaveMs: number;
  reconnectGraceSeconds: number;
  /** start the process with the inspector on a free port, so `heapAfterGc` works */
  inspector?: boolean;
  logLevel?: string;
}

/** Runs `task` over `items` with `concurrency` in flight. */
export async function pool<T, R>(items: T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i]!, i);
    }),
  );
  return results;
}


/** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** A temp folder holding one SQLite database, migrated like production, and the token keys. */
export async function createGameWorld(prefix: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `starscape-${prefix}-`));
  const databaseUrl = `file:${path.join(dir, 'starscape.db')}`;
  await migrateDatabase(databaseUrl);
  const tokens = await createTestTokens();
  let prisma: PrismaClient | undefined;
  const processes: GameProcess[] = [];

  /** Accounts and towns, written in batches, each town with its galaxy place (player i → sector, slot). */
  async function seed(players: SeedPlayer[]): Promise<void> {
    const db = database();
    const BATCH = 500;
    for (let from = 0; from < players.length; from += BATCH) {
      const batch = players.slice(from, from + BATCH);
      await db.user.createMany({ data: batch.map((p) => ({ id: p.userId, displayName: p.name, isGuest: true })) });
      await db.town.createMany({
        data: batch.map((p, k) => {
          const i = from + k;
          const town = townSchema.parse(p.town); // what the server will check when it loads it
          return { id: p.townId, ownerId: p.userId, name: `${p.name}'s Starbase`, snapshot: JSON.stringify(town), sector: Math.floor(i / SECTOR_SLOTS) + 1, slot: i % SECTOR_SLOTS, points: townPoints(town) };
        }),
      });
    }
  }

  /** The test's own Prisma connection to the file (the server has its own). */
  function database(): PrismaClient {
    prisma ??= createPrismaClient(databaseUrl);
    return prisma;
  }

  async function start(name: string, options: ProcessOptions): Promise<GameProcess> {
    const port = await freePort();
    const inspectPort = options.inspector ? await freePort() : 0;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      GAME_PORT: String(port),
      GAME_HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dir,
      GAME_TOKEN_PUBLIC_KEY: tokens.publicKeyPem,
      GAME_SPEED: String(options.gameSpeed),
      AUTOSAVE_INTERVAL_MS: String(options.autosaveMs),
      RECONNECT_GRACE_SECONDS: String(options.reconnectGraceSeconds),
      LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? options.logLevel ?? 'warn',
    };
    for (const key of ['REDIS_URL', 'GAME_PUBLIC_ADDRESS', 'FLY_MACHINE_ID', 'MONITOR_USERNAME', 'MONITOR_PASSWORD']) delete env[key];
    const args = [...(options.inspector ? [`--inspect=127.0.0.1:${inspectPort}`] : []), '--import', 'tsx', 'src/main.ts'];
    const service = startService(name, args, { cwd: serverDir, env });
    const errorLines: string[] = [];
    for (const stream of [service.child.stdout!, service.child.stderr!]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        if (/ ERROR /.test(line)) errorLines.push(line);
      });
    }
    const base = `http://127.0.0.1:${port}`;
    const alive = () => service.child.exitCode === null && service.child.signalCode === null;
    const game: GameProcess = {
      port,
      endpoint: `ws://127.0.0.1:${port}`,
      service,
      errorLines,
      alive,
      kill: async (signal) => {
        if (alive()) service.child.kill(signal);
        return service.exited;
      },
      metrics: async () => (await (await fetch(`${base}/metrics`)).json()) as MetricsReport,
      heapAfterGc: () => heapAfterGc(inspectPort),
    };
    processes.push(game);
    await waitFor(
      `${name} to be ready`,
      async () => {
        if (!alive()) throw new Error(`${name} exited before it was ready`);
        try {
          const health = (await (await fetch(`${base}/healthz`)).json()) as { status: string };
          return health.status === 'ok';
        } catch {
          return false; // not listening yet
        }
      },
      90_000,
    );
    return game;
  }

  async function close(): Promise<void> {
    for (const p of processes) if (p.alive()) await p.kill('SIGKILL');
    await prisma?.$disconnect();
    await rm(dir, { recursive: true, force: true });
  }

  return { dir, databaseUrl, tokens, seed, database, start, close };
}

export type GameWorld = Awaited<ReturnType<typeof createGameWorld>>;

/** Chrome DevTools Protocol over the inspector's WebSocket: two full GCs, then the heap in use. */
async function heapAfterGc(inspectPort: number): Promise<number> {
  if (!inspectPort) throw new Error('the process was started without the inspector');
  const { WebSocket } = await import('ws');
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
  const socket = new WebSocket(target!.webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let id = 0;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<{ result?: { result?: { value?: unknown } } }>((resolve, reject) => {
      const mine = ++id;
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(String(data)) as { id?: number; error?: unknown };
        if (message.id !== mine) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(JSON.stringify(message.error)));
        else resolve(message as { result?: { result?: { value?: unknown } } });
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id: mine, method, params }));
    });
  try {
    await call('HeapProfiler.enable');
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const answer = await call('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true });
    return Number(answer.result?.result?.value);
  } finally {
    socket.close();
  }
}
