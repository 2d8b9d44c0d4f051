import { execFileSync, spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, openSync, closeSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../server/test/support/freePort';
import { findProgram, type ServiceCheck } from './availability';

/** Debian's PostgreSQL programs (apt package postgresql): the newest `/usr/lib/postgresql/<ver>/bin`, else PATH. */
interface PostgresPrograms {
  initdb: string;
  postgres: string;
  pgCtl: string;
}

function findPrograms(): PostgresPrograms | null {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  // A version folder counts only with all three programs; otherwise fall back to PATH (bare names).
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    const programs = { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres'), pgCtl: path.join(bin, 'pg_ctl') };
    if (Object.values(programs).every((program) => existsSync(program))) return programs;
  }
  const initdb = findProgram(['initdb']);
  const postgres = findProgram(['postgres']);
  const pgCtl = findProgram(['pg_ctl']);
  return initdb && postgres && pgCtl ? { initdb, postgres, pgCtl } : null;
}

/** Debian's PostgreSQL server (apt package postgresql, version 15 on Debian 12), if installed. */
export function postgresCheck(): ServiceCheck {
  return { name: 'PostgreSQL', program: findPrograms()?.postgres ?? null, install: 'sudo apt-get install postgresql' };
}

export interface LocalPostgres {
  /** `postgresql://postgres@127.0.0.1:<port>/starscape`: an empty database that exists */
  url: string;
  port: number;
  /** Creates an empty database `name` (lower-case letters, digits, `_`) and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (immediate shutdown) and removes its folder. */
  stop(): Promise<void>;
}

/** Who the server runs as: initdb and postgres refuse root, so as root they run as Debian's `postgres` user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as (the postgresql apt package creates it)');
  }
}

/** The environment for the PostgreSQL programs: ours without PG* variables (PGDATA, PGPORT… would override the flags). */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('PG')) delete env[name];
  return env;
}

/**
 * Runs postgres as the child of a small shell that stops it (immediate shutdown, SIGQUIT) when its standard
 * input closes, which happens however this process ends: normally, on an uncaught error or on SIGKILL. Then
 * (and only then: a normal stop removes the folder itself) it also removes the server's folder. The shell
 * waits for postgres and exits with its status, so a server that fails to start is seen as an exit.
 * (An asynchronous list's stdin is /dev/null in sh, hence the copy of it on fd 3 for the reader.)
 */
const WATCHDOG = `dir=$1
shift
exec 3<&0
"$@" </dev/null 3<&- &
server=$!
( read -r _ <&3; : >"$dir/orphaned"; kill -QUIT "$server" 2>/dev/null ) &
reader=$!
wait "$server"
status=$?
kill "$reader" 2>/dev/null
if [ -e "$dir/orphaned" ]; then rm -rf "$dir"; fi
exit "$status"`;

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A throwaway PostgreSQL on 127.0.0.1 and a free port: `initdb` into a temporary folder (trust auth, user
 * `postgres`, UTF8, C locale), then `postgres` with its unix socket in that folder and durability off (fsync,
 * synchronous commit and full-page writes: a crash loses a test database, nothing else). When this process
 * runs as root the server runs as the `postgres` system user and the folder belongs to it.
 *
 * `stop()` shuts it down with `pg_ctl stop -m immediate` and removes the folder; if the process exits first,
 * an exit hook does the same, and the watchdog shell above covers a process that is killed outright.
 */
export async function startPostgres(): Promise<LocalPostgres> {
  const programs = findPrograms();
  if (!programs) throw new Error('PostgreSQL is not installed (sudo apt-get install postgresql)');
  const user = serverUser();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'starscape-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  const env = serverEnv();
  const asServer = { ...user, cwd: dir, env };
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '');

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const pgCtlStop = ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '10'];
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  // Whatever happens, this process does not leave a server or a folder behind.
  const onExit = () => {
    if (running()) spawnSync(programs.pgCtl, pgCtlStop, { ...asServer, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', onExit);

  /** Immediate shutdown, then the folder goes. Safe to call at any stage, once. */
  const shutdown = async () => {
    process.off('exit', onExit);
    if (running()) {
      await new Promise<void>((resolve) => {
        spawn(programs.pgCtl, pgCtlStop, { ...asServer, stdio: 'ignore' }).once('exit', () => resolve()).once('error', () => resolve());
      });
      child?.stdin?.end(); // the watchdog's reader stops postgres if pg_ctl could not
      const timeout = setTimeout(() => child?.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timeout);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const fail = async (message: string): Promise<never> => {
    const output = log();
    await shutdown();
    throw new Error(`${message}\n${output}`);
  };

  try {
    if (user) await chown(dir, user.uid, user.gid);
    const init = await run(
      programs.initdb,
      ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions'],
      asServer,
    );
    if (init.status !== 0) return await fail(`initdb failed (exit ${init.status}):\n${init.output}`);
  } catch (error) {
    return fail(`initdb failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  // The port was free a moment ago; if another process took it meanwhile, postgres exits: try another.
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const logFd = openSync(logFile, 'a');
    const args = [
      ...['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', dir],
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    ];
    const started = spawn('/bin/sh', ['-c', WATCHDOG, 'postgres-watchdog', dir, programs.postgres, ...args], {
      ...asServer,
      stdio: ['pipe', logFd, logFd],
    });
    closeSync(logFd);
    child = started;
    exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    started.stdin?.on('error', () => {}); // EPIPE once the watchdog is gone

    const deadline = Date.now() + 20_000;
    while (running() && !(await accepts(`postgresql://postgres@127.0.0.1:${port}/postgres`))) {
      if (Date.now() > deadline) return fail(`postgres did not accept connections on port ${port} within 20 s:`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (running()) break;
    if (attempt < 3 && /could not bind|already in use/i.test(log())) continue;
    return fail(`postgres exited (${started.exitCode ?? started.signalCode}) before accepting connections:`);
  }

  const admin = `postgresql://postgres@127.0.0.1:${port}/postgres`;

  const createDatabase = async (name: string) => {
    if (!NAME.test(name)) throw new Error(`database name must match ${NAME}, got "${name}"`);
    await withClient(admin, (client) => client.query(`CREATE DATABASE "${name}"`));
    return `postgresql://postgres@127.0.0.1:${port}/${name}`;
  };

  let stopping: Promise<void> | undefined;
  try {
    return {
      url: await createDatabase('starscape'),
      port,
      createDatabase,
      stop: () => (stopping ??= shutdown()),
    };
  } catch (error) {
    return fail(`could not create the first database: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs a program to completion (as `options` say), with its stdout and stderr together. */
function run(program: string, args: string[], options: SpawnOptions): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, output }));
  });
}

/** True when the server answers a query (it refuses connections while starting up). */
async function accepts(url: string): Promise<boolean> {
  try {
    await withClient(url, (client) => client.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  // A connection the server drops (shutdown) must not become an uncaught 'error' event.
  client.on('error', () => {});
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end().catch(() => {});
  }
}
