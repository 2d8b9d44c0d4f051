import { matchMaker, type Client, type Presence, type Room } from '@colyseus/core';

const ONLINE_COUNTS = 'starscape:online';
/** Presence channel on which every change of a player's online state is published. */
export const ONLINE_CHANNEL = 'starscape:online';

export interface OnlineChange {
  userId: string;
  online: boolean;
}

/**
 * Who is online: a player is online while any of their rooms (town, combat, galaxy) holds a connection of
 * theirs. Kept in Colyseus presence (a hash of connection counts, and a channel announcing each flip), so it
 * spans every process once presence is Redis. A process that dies without its rooms' leaves being counted
 * leaves its players counted as online until they connect and leave again.
 */
export class OnlinePlayers {
  constructor(private readonly presence: () => Presence = () => matchMaker.presence) {}

  async connected(userId: string): Promise<void> {
    const count = await this.presence().hincrby(ONLINE_COUNTS, userId, 1);
    if (count === 1) this.announce({ userId, online: true });
  }

  async disconnected(userId: string): Promise<void> {
    const presence = this.presence();
    const count = await presence.hincrby(ONLINE_COUNTS, userId, -1);
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
   * reconnection grace the seat is kept and a return counts as connected again.
   */
  async leave(room: Room, client: Client, userId: string, consented: boolean, graceSeconds: number): Promise<void> {
    await this.disconnected(userId);
    if (consented || graceSeconds === 0) return;
    try {
      await room.allowReconnection(client, graceSeconds);
      await this.connected(userId);
    } catch {
      // the grace period ended without the client coming back: its seat is released
    }
  }

  private announce(change: OnlineChange): void {
    this.presence().publish(ONLINE_CHANNEL, change);
  }
}
