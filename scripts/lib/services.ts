import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

export interface Service {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Starts a child process whose output lines are prefixed with its name. */
export function startService(name: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Service {
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}]`.padEnd(7);
  readline.createInterface({ input: child.stdout! }).on('line', (line) => console.log(`${prefix} ${line}`));
  readline.createInterface({ input: child.stderr! }).on('line', (line) => console.error(`${prefix} ${line}`));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { name, child, exited };
}

/** Polls `url` until it answers 2xx, the service exits, or the time is up. */
export async function waitUntilHealthy(service: Service, url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void service.exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${service.name} exited before it was ready`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${service.name} did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** Sends SIGTERM to each running service and waits for them to exit (the game server saves every town first). */
export async function stopAll(services: Service[], timeoutMs = 60_000): Promise<void> {
  await Promise.all(
    services.map(async (s) => {
      if (s.child.exitCode !== null || s.child.signalCode !== null) return;
      s.child.kill('SIGTERM');
      const timer = setTimeout(() => s.child.kill('SIGKILL'), timeoutMs);
      await s.exited;
      clearTimeout(timer);
    }),
  );
}
