/**
 * The servers under test, each in its own child process with NODE_ENV=production: the real game server
 * (`src/main.ts`, exactly as `npm start` runs it) or the socket.io baseline (`baselineServer.ts`). Their
 * output goes to a log file; CPU and memory are read from /proc by the caller; `/metrics` is fetched here.
 * With `inspect`, the process opens the V8 inspector on a free port (loopback): the load bench forces full
 * collections through it before and after the measured window, and takes CPU profiles of that window alone
 * (`profile.ts`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MetricsReport } from '../../src/http/metrics';
import { sleep } from '../support/async';
import { HOSTED_TOWNS_PER_ROOM, isFloor, type ServerKind } from './townPlayers';

const here = path.dirname(fileURLToPath(import.meta.url));
/** this checkout's server/ folder (a run normally passes a snapshot's, see codeSnapshot.ts) */
const defaultServerDir = path.resolve(here, '../..');

export interface ServerOptions {
  port: number;
  databaseUrl: string;
  publicKeyPem: string;
  logFile: string;
  /** open the inspector (forced collections, CPU profiles, heap readings) */
  inspect?: boolean;
  /** AUTOSAVE_INTERVAL_MS of both servers (the game server's default: 5000) */
  autosaveMs: number;
  /** more node options for the server process (e.g. --heapsnapshot-signal=SIGUSR2) */
  nodeOptions?: string[];
  /** the server/ folder to run from (default: this checkout's) */
  serverDir?: string;
  /** log the server's event-loop stalls to this file (stallProbe.mjs) */
  stallLog?: string;
  /** more environment for the server (e.g. INPUT_TICK_MS), over what the bench sets */
  env?: NodeJS.ProcessEnv;
}

export class ServerProcess {
  readonly endpoint: string;
  private readonly httpBase: string;
  private readonly exited: Promise<number | null>;
  /** ws:// address of the V8 inspector, when asked for */
  inspectorUrl: string | undefined;

  private constructor(
    readonly kind: ServerKind,
    private readonly child: ChildProcess,
    port: number,
  ) {
    this.endpoint = `ws://127.0.0.1:${port}`;
    this.httpBase = `http://127.0.0.1:${port}`;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  static async start(kind: ServerKind, options: ServerOptions): Promise<ServerProcess> {
    const entry = kind === 'colyseus' ? 'src/main.ts' : isFloor(kind) ? 'bench/load/floorServer.ts' : 'bench/load/baselineServer.ts';
    const probe = options.stallLog ? [`--import=${pathToFileURL(path.join(here, 'stallProbe.mjs')).href}`] : [];
    const execArgv = [...(options.inspect ? ['--inspect=127.0.0.1:0'] : []), ...probe, ...(options.nodeOptions ?? []), '--import', 'tsx', entry];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      GAME_PORT: String(options.port),
      GAME_HOST: '127.0.0.1',
      GAME_TOKEN_PUBLIC_KEY: options.publicKeyPem,
      GAME_TOKEN_PRIVATE_KEY: '',
      GAME_SPEED: '1',
      AUTOSAVE_INTERVAL_MS: String(options.autosaveMs),
      RECONNECT_GRACE_SECONDS: '30',
      // one "town room created" line per player would only measure the terminal; warnings and errors stay
      LOG_LEVEL: 'warn',
      MONITOR_USERNAME: '',
      MONITOR_PASSWORD: '',
      // one process on its own: no Redis presence or driver, no public address
      REDIS_URL: '',
      GAME_PUBLIC_ADDRESS: '',
      FLY_MACHINE_ID: '',
      STALL_LOG: options.stallLog ?? '',
      FLOOR_TOWNS_PER_ROOM: kind === 'floor-hosted' ? String(HOSTED_TOWNS_PER_ROOM) : '1',
      ...options.env,
    };
    const child = spawn(process.execPath, execArgv, { cwd: options.serverDir ?? defaultServerDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout!.pipe(log);
    const server = new ServerProcess(kind, child, options.port);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      log.write(text);
      if (stderr.length < 4000) stderr += text;
      const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(text);
      if (inspector) server.inspectorUrl = inspector[1];
    });
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the ${kind} server exited (${child.exitCode}) before it was healthy:\n${stderr}`);
      try {
        const health = (await (await fetch(`${server.httpBase}/healthz`)).json()) as { status: string };
        if (health.status === 'ok') break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the ${kind} server did not become healthy in 120 s:\n${stderr}`);
      await sleep(200);
    }
    return server;
  }

  async metrics(timeoutMs = 10_000): Promise<MetricsReport> {
    const response = await fetch(`${this.httpBase}/metrics`, { signal: AbortSignal.timeout(Math.ceil(timeoutMs)) });
    if (!response.ok) throw new Error(`GET /metrics: ${response.status}`);
    return (await response.json()) as MetricsReport;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM (the server saves every town, then exits); SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 120_000): Promise<number | null> {
    if (!this.running) return this.child.exitCode;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
