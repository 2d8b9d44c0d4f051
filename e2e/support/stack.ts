import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningStack {
  url: string;
  output: string[];
  stop(): Promise<number | null>;
}

/**
 * Runs the real `npm start` entry (scripts/start.ts) with its own ports and data folder, and resolves when
 * it prints the URL a player opens. The first run builds the web app, which takes a while.
 */
export function startStack(env: { port: number; gamePort: number; dataDir: string; gameSpeed: number }, timeoutMs = 400_000): Promise<RunningStack> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(env.port),
      GAME_PORT: String(env.gamePort),
      HOST: '127.0.0.1',
      DATA_DIR: env.dataDir,
      DATABASE_URL: '',
      GAME_SPEED: String(env.gameSpeed),
      AUTOSAVE_INTERVAL_MS: '1000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start did not print its URL in ${timeoutMs / 1000} s:\n${output.slice(-30).join('\n')}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        output.push(line);
        const match = /Starscape is running\. Open (\S+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve({
            url: match[1]!,
            output,
            async stop() {
              child.kill('SIGTERM');
              return exited;
            },
          });
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with code ${code} before it was ready:\n${output.slice(-30).join('\n')}`));
    });
  });
}
