import { randomUUID } from 'node:crypto';
import type { ChatLine } from '@starscape/shared';
import type { ChatRepository, NewChatLine } from './ChatRepository';

/** Chat in memory: for tests and for a game server without a database. Keeps every message. */
export class MemoryChatRepository implements ChatRepository {
  private readonly lines = new Map<string, ChatLine[]>();
  private readonly muted = new Map<string, Set<string>>();

  async append(channelKey: string, line: NewChatLine): Promise<ChatLine> {
    const stored = { ...line, id: randomUUID() };
    const list = this.lines.get(channelKey) ?? [];
    list.push(stored);
    this.lines.set(channelKey, list);
    return { ...stored };
  }

  async recent(channelKey: string, limit: number): Promise<ChatLine[]> {
    return (this.lines.get(channelKey) ?? []).slice(-Math.max(0, limit)).map((l) => ({ ...l }));
  }

  async mutes(userId: string): Promise<string[]> {
    return [...(this.muted.get(userId) ?? [])].sort();
  }

  async setMute(userId: string, mutedId: string, muted: boolean): Promise<string[]> {
    const set = this.muted.get(userId) ?? new Set<string>();
    if (muted) set.add(mutedId);
    else set.delete(mutedId);
    this.muted.set(userId, set);
    return this.mutes(userId);
  }
}
