import type { EventEmitter } from 'node:events';
import { matchMaker, type Client, type Presence, type Room } from '@colyseus/core';
import type { ClusterClaims } from '../cluster/ClusterClaims';
import type { Logger } from '../logger';

/** Presence hash: user id → how many connections of theirs the rooms hold (all processes). */
export const ONLINE_COUNTS = 'starscape:online';
/** Per process: its share of the counts (so a process that died can be subtracted), and the set of such processes. */
const PROCESS_COUNTS = (processId: string) => `starscape:online:${processId}`;
const COUNTING_PROCESSES = 'starscape:online-processes';
/** How often each process looks for processes that died with players counted online. */
export const ONLINE_SWEEP_MS = 20_000;
/** Presence channel on which every change of a player's online state is published. */
export const ONLINE_CHANNEL = 'starscape:online';

export interface OnlineChange {
  userId: string;
  online: boolean;
}

/**
 * Who is online: a player is online while any of their rooms (town, combat, galaxy) holds a connection of
 * theirs. Kept in Colyseus presence (a hash of connection counts, and a channel announcing each flip), so it
 * spans every process once presence is Redis.
 *
 * Each process also keeps its own share of the counts. A process that dies without its rooms' leaves (a
 * crash) is found by the others within `ONLINE_SWEEP_MS` of its heartbeat running out (cluster claims), and
 * its share is subtracted once: its players go offline unless another process holds a connection of theirs.
 */
export class OnlinePlayers {
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly claims: ClusterClaims,
    private readonly logger: Logger,
    private readonly presence: () => Presence = () => matchMaker.presence,
  ) {}

  async connected(userId: string): Promise<void> {
    const presence = this.presence();
    await presence.hincrby(PROCESS_COUNTS(this.claims.processId), userId, 1);
    const count = await presence.hincrby(ONLINE_COUNTS, userId, 1);
    if (count === 1) this.announce({ userId, online: true });
  }

  async disconnected(userId: string): Promise<void> {
    const presence = this.presence();
    const own = await presence.hincrby(PROCESS_COUNTS(this.claims.processId), userId, -1);
    if (own <= 0) await presence.hdel(PROCESS_COUNTS(this.claims.processId), userId);
    await this.subtract(userId, 1);
  }

  /** Joins the sweep: registers this process's share, and looks for dead processes' shares now and then. */
  async start(): Promise<void> {
    await this.presence().sadd(COUNTING_PROCESSES, this.claims.processId);
    await this.sweep();
    this.sweeper = setInterval(() => void this.sweep().catch((error: unknown) => this.logger.warn('online sweep failed', { error: String(error) })), ONLINE_SWEEP_MS);
    this.sweeper.unref();
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  /** Subtracts the shares of processes that died (their heartbeat ran out), each exactly once. Returns how many. */
  async sweep(): Promise<number> {
    const presence = this.presence();
    let swept = 0;
    for (const processId of await presence.smembers(COUNTING_PROCESSES)) {
      if (processId === this.claims.processId || (await this.claims.alive(processId))) continue;
      // one sweeper per dead process: the claim is never given back, and it dies with this process's heartbeat
      if (await this.claims.acquire(`online-sweep:${processId}`, 'update')) continue;
      const share = await presence.hgetall(PROCESS_COUNTS(processId));
      for (const [userId, count] of Object.entries(share ?? {})) {
        if (Number(count) > 0) await this.subtract(userId, Number(count));
      }
      await presence.del(PROCESS_COUNTS(processId));
      await presence.srem(COUNTING_PROCESSES, processId);
      await this.claims.release(`online-sweep:${processId}`);
      this.logger.warn('a game process stopped without counting its players offline; swept', { processId, players: Object.keys(share ?? {}).length });
      swept++;
    }
    return swept;
  }

  private async subtract(userId: string, by: number): Promise<void> {
    const presence = this.presence();
    const count = await presence.hincrby(ONLINE_COUNTS, userId, -by);
    if (count > 0) return;
    await presence.hdel(ONLINE_COUNTS, userId);
    this.announce({ userId, online: false });
  }

  /** Which of `userIds` are online now. */
  async whoIsOnline(userIds: readonly string[]): Promise<Set<string>> {
    const presence = this.presence();
    const counts = await Promise.all(userIds.map((id) => presence.hget(ONLINE_COUNTS, id)));
    return new Set(userIds.filter((_, i) => Number(counts[i] ?? 0) > 0));
  }

  /** Calls `listener` on every flip, in any process; returns the unsubscribe. */
  subscribe(listener: (change: OnlineChange) => void): () => void {
    const presence = this.presence();
    void presence.subscribe(ONLINE_CHANNEL, listener);
    return () => presence.unsubscribe(ONLINE_CHANNEL, listener);
  }

  /**
   * A room's `onLeave`: the player's connection is gone (offline unless another room holds one); within the
   * reconnection grace the seat is kept and a return counts as connected again. The seat is held before the
   * first await, so a client that comes straight back (before presence answers, e.g. Redis) finds it. A fresh
   * join of the same player into this room meanwhile (a reloaded page, which joins with a new token) takes the
   * held seat's place: it is released at once rather than at the end of the grace, so the player never holds
   * two seats (nor counts twice in the room's listing) and the room is not kept open for a seat nobody will use.
   * `takesSeat` narrows which joins of the player count (a town host: a join into the same town, not another).
   */
  async leave(room: Room, client: Client, userId: string, consented: boolean, graceSeconds: number, takesSeat: (joined: Client) => boolean = () => true): Promise<void> {
    const held = consented || graceSeconds === 0 ? null : room.allowReconnection(client, graceSeconds);
    // settles without throwing: a seat refused at once (the room is closing) must not be an unhandled rejection
    const back = held
      ? Promise.resolve(held).then(
          () => true,
          () => false,
        )
      : null;
    const releaseOnRejoin = (joined: Client) => {
      if ((joined.auth as { userId?: string } | undefined)?.userId === userId && takesSeat(joined)) held?.reject?.(new Error('the player joined again'));
    };
    // the room's own join event (the one matchmaking listens to); reconnections do not emit it
    const roomEvents = room._events as unknown as EventEmitter;
    if (held) roomEvents.on('join', releaseOnRejoin);
    try {
      await this.disconnected(userId);
      // false: the grace ended (or the player rejoined afresh) without the client coming back; the seat is released
      if (back && (await back)) await this.connected(userId);
    } finally {
      if (held) roomEvents.off('join', releaseOnRejoin);
    }
  }

  private announce(change: OnlineChange): void {
    this.presence().publish(ONLINE_CHANNEL, change);
  }
}
