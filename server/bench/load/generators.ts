/** The parent's side of a load generator process (generator.ts). */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinProcess } from './generatorCpus';
import type { FromGenerator, GeneratorReading, GeneratorSetup, ToGenerator } from './ipc';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '../..');

export class Generator {
  private readonly exited: Promise<void>;
  private listeners = new Set<(message: FromGenerator) => void>();

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (message: FromGenerator) => {
      for (const listener of [...this.listeners]) listener(message);
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /**
   * Forks a generator (`nodeOptions`: more options for its Node, like `--trace-gc`), pins it to `cpus` (a
   * `taskset` list, see generatorCpus.ts; null: anywhere) and hands it its setup.
   */
  static async start(setup: GeneratorSetup, nodeOptions: readonly string[] = [], cpus: string | null = null): Promise<Generator> {
    const child = fork(path.join(here, 'generator.ts'), [], { cwd: serverDir, execArgv: [...nodeOptions, '--import', 'tsx'], env: { ...process.env, NODE_ENV: 'production' } });
    const generator = new Generator(child);
    if (cpus !== null) {
      try {
        pinProcess(child.pid!, cpus);
      } catch (error) {
        child.kill('SIGKILL');
        throw new Error(`could not pin a load generator to CPUs ${cpus}: ${String(error)}`);
      }
    }
    await generator.request({ type: 'setup', setup }, 'ready');
    return generator;
  }

  /** Sends `message` and resolves with the first answer of type `answer`; rejects if the process exits first. */
  private request<T extends FromGenerator['type']>(message: ToGenerator, answer: T, onOther?: (message: FromGenerator) => void): Promise<Extract<FromGenerator, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => {
        this.listeners.delete(listener);
        reject(new Error(`a load generator exited (${code}) while waiting for "${answer}"`));
      };
      const listener = (reply: FromGenerator) => {
        if (reply.type !== answer) return onOther?.(reply);
        this.listeners.delete(listener);
        this.child.off('exit', onExit);
        resolve(reply as Extract<FromGenerator, { type: T }>);
      };
      this.listeners.add(listener);
      this.child.once('exit', onExit);
      this.child.send(message);
    });
  }

  join(onProgress: (joined: number, failed: number) => void): Promise<{ joined: number; failed: number; errors: string[] }> {
    return this.request({ type: 'join' }, 'joined', (m) => m.type === 'progress' && onProgress(m.joined, m.failed));
  }

  stopJoining(): void {
    if (this.child.connected) this.child.send({ type: 'stop-joining' } satisfies ToGenerator);
  }

  async mark(): Promise<void> {
    await this.request({ type: 'mark' }, 'marked');
  }

  async silence(): Promise<void> {
    await this.request({ type: 'silence' }, 'silenced');
  }

  async read(): Promise<GeneratorReading> {
    return (await this.request({ type: 'read' }, 'reading')).reading;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies ToGenerator);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}
