import type { ChatLine } from '@starscape/shared';

/** A chat message before it is stored (the repository gives it its id). */
export type NewChatLine = Omit<ChatLine, 'id'>;

/**
 * Chat messages per channel and who has muted whom. Every implementation passes the same contract suite
 * (server/test/persistence/chatRepository.contract.ts).
 */
export interface ChatRepository {
  /** Stores a message of `channelKey` (`galaxy` or `sector:<n>`); returns it with its id. */
  append(channelKey: string, line: NewChatLine): Promise<ChatLine>;
  /** The last `limit` messages of the channel, oldest first. */
  recent(channelKey: string, limit: number): Promise<ChatLine[]>;
  /** Ids of the players `userId` has muted. */
  mutes(userId: string): Promise<string[]>;
  /** Mutes or unmutes `mutedId` for `userId` (idempotent); returns the new list. */
  setMute(userId: string, mutedId: string, muted: boolean): Promise<string[]>;
}

/** The storage key of a channel as seen from a sector's room. */
export function channelKey(channel: ChatLine['channel'], sector: number): string {
  return channel === 'galaxy' ? 'galaxy' : `sector:${sector}`;
}
