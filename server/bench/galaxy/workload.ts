import { performance } from 'node:perf_hooks';
import { CHAT_REFILL_MS, createRng, type Rng } from '@starscape/shared';
import { chatter } from './chatter';
import type { SectorClient } from './sectorClients';

export const CHATS_PER_SECOND = 5;
export const FLIPS_PER_SECOND = 1;
/** every fifth message goes to the galaxy-wide channel, the rest to the sector's */
const GALAXY_EVERY = 5;

/**
 * The bench's traffic, the same for both designs (same seed, same senders, same texts): CHATS_PER_SECOND chat
 * messages from clients taken in a shuffled round robin (each speaks once every N / 5 seconds, well inside the
 * rate limit), and FLIPS_PER_SECOND presence changes: a starbase owner's client leaves (offline), a second
 * later it joins again (online), then the next owner. Paced by the clock, so a busy client process catches up
 * instead of sending less.
 */
export class Workload {
  chats = 0;
  flips = 0;
  /** the newest sector message sent: every client should end up showing it */
  lastSectorText: string | undefined;
  readonly failures: unknown[] = [];
  private readonly rng: Rng;
  private readonly order: SectorClient[];
  private readonly owners: SectorClient[];
  private next = 0;
  private started = 0;
  private timer: NodeJS.Timeout | undefined;
  private churn: Promise<void> = Promise.resolve();

  constructor(clients: readonly SectorClient[], seed: number) {
    this.rng = createRng(seed);
    this.order = [...clients];
    for (let i = this.order.length - 1; i > 0; i--) {
      const j = this.rng.int(0, i);
      [this.order[i], this.order[j]] = [this.order[j]!, this.order[i]!];
    }
    this.owners = clients.filter((c) => c.owner);
    if ((this.order.length / CHATS_PER_SECOND) * 1000 < CHAT_REFILL_MS) throw new Error('too few clients to stay inside the chat rate limit');
  }

  start(): void {
    this.started = performance.now();
    this.timer = setInterval(() => this.tick(), 20);
  }

  /** Stops sending and waits for the last presence change to be done. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.churn;
  }

  private tick(): void {
    const seconds = (performance.now() - this.started) / 1000;
    while (this.chats < Math.floor(seconds * CHATS_PER_SECOND)) this.chat();
    // half a second out of step with the chat messages: events that coincide would share one patch, a batching
    // win that real, unsynchronized traffic rarely hands the room
    while (this.flips < Math.floor(seconds * FLIPS_PER_SECOND + 0.5)) this.flip();
  }

  private chat(): void {
    let client: SectorClient;
    do client = this.order[this.next++ % this.order.length]!;
    while (!client.joined);
    const channel = this.chats % GALAXY_EVERY === GALAXY_EVERY - 1 ? 'galaxy' : 'sector';
    const text = chatter(this.rng);
    client.say(channel, text);
    if (channel === 'sector') this.lastSectorText = text;
    this.chats++;
  }

  private flip(): void {
    const k = this.flips++;
    const owner = this.owners[Math.floor(k / 2) % this.owners.length]!;
    // in order: a rejoin never overtakes its leave
    this.churn = this.churn.then(() => (k % 2 === 0 ? owner.leave() : owner.join())).catch((error: unknown) => void this.failures.push(error));
  }
}
