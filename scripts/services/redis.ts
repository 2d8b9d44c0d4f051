import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../server/test/support/freePort';
import { findProgram, type ServiceCheck } from './availability';

/** Debian's `redis-server` (apt package redis-server), if installed. */
export function redisCheck(): ServiceCheck {
  return { name: 'redis-server', program: findProgram(['redis-server', '/usr/bin/redis-server']), install: 'sudo apt-get install redis-server' };
}

export interface LocalRedis {
  url: string;
  port: number;
  /** stops the server and removes its folder */
  stop(): Promise<void>;
}

/**
 * A throwaway Redis on 127.0.0.1 and a free port, in a temporary folder, with persistence off. It runs as
 * our child (not daemonized), so it dies with the test run.
 */
export async function startRedis(program = redisCheck().program): Promise<LocalRedis> {
  if (!program) throw new Error('redis-server is not installed (sudo apt-get install redis-server)');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'starscape-redis-'));
  const port = await freePort();
  const child = spawn(program, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await ping(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start on port ${port}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** True when a Redis answers PING on the port. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}
