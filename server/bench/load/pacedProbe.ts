/**
 * A Node process beside every measurement that does the same small job every 50 ms (the game server's input
 * tick): its CPU over a window shows what this machine charged for work that comes in small pieces, in the
 * same seconds as the servers.
 *
 * On the 2-core VM these numbers come from, that charge moves with the hour, and a small piece of work after a
 * sleep is charged many times what it costs back to back. The job (20,000 additions, about 0.12 ms back to back:
 * 0.24 % of a core at 20 a second) read 1.9 % of a core on the idle machine and 0.9 % beside 1,000 players in
 * one slow hour; an empty Node process waking 10 to 200 times a second read 0.9–2.3 % alone. A server whose work
 * comes in ticks pays that too. The probe is shown, not subtracted: the targets compare the servers' whole CPU.
 * It runs on the load generators' CPUs when they are pinned, so it takes nothing from the server's core's caches.
 * See BENCHMARKS.md, session 23.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readCpu, type CpuReading } from '../support/procStats';

/**
 * The probe's program: the job, every 50 ms; it ends when its stdin does, so a bench that dies (an error, Ctrl-C)
 * leaves no probe behind.
 */
const PROBE = "let x = 0; setInterval(() => { for (let i = 0; i < 20000; i++) x += i; }, 50); process.stdin.on('end', () => process.exit()).resume();";

export class PacedProbe {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<PacedProbe> {
    const child = spawn(process.execPath, ['-e', PROBE], { stdio: ['pipe', 'ignore', 'ignore'] });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    return new PacedProbe(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Its CPU so far (mark a window's start and end with it; `cpuBetween` gives the rate). */
  read(): CpuReading {
    return readCpu(this.pid);
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}
