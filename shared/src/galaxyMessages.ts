import { z } from 'zod';
import { CHAT_CHANNELS, type ChatChannel } from './galaxy/chat';
import type { ListLike, MapLike } from './combatMessages';
import { clockRequestSchema } from './messages';

/**
 * The `galaxy` room protocol. One room per sector, made on demand and closed when nobody looks at it:
 * `client.joinOrCreate('galaxy', { sector })` with the usual game token. Any signed-in player may join any
 * sector. The state holds public facts only: never a starbase's resources, ships or fleets.
 */

export const galaxyJoinOptionsSchema = z.object({ sector: z.number().int().min(1).max(1_000_000) }).strict();
export type GalaxyJoinOptions = z.infer<typeof galaxyJoinOptionsSchema>;

/** Messages a client sends to a galaxy room. */
export const GalaxyClientMessage = {
  /** a chat message to the sector's channel or the galaxy-wide one */
  Chat: 'chat:send',
  /** hide (or show again) another player's chat messages, for this player, everywhere */
  Mute: 'chat:mute',
  Clock: 'clock',
} as const;
export type GalaxyClientMessageType = (typeof GalaxyClientMessage)[keyof typeof GalaxyClientMessage];

/** Messages a galaxy room sends: `welcome`, `mutes` (after a change), `error`, `clock`. */
export const GalaxyServerMessage = {
  Welcome: 'welcome',
  Mutes: 'chat:mutes',
  Error: 'error',
  Clock: 'clock',
} as const;

export const chatSendSchema = z.object({ channel: z.enum(CHAT_CHANNELS), text: z.string().max(2000) }).strict();
export const chatMuteSchema = z.object({ userId: z.string().min(1).max(64), muted: z.boolean() }).strict();

export const galaxyClientMessageSchemas = {
  [GalaxyClientMessage.Chat]: chatSendSchema,
  [GalaxyClientMessage.Mute]: chatMuteSchema,
  [GalaxyClientMessage.Clock]: clockRequestSchema,
} as const satisfies Record<GalaxyClientMessageType, z.ZodType>;

export interface GalaxyWelcomeMessage {
  protocol: number;
  sector: number;
  /** who joined, and where their own starbase is (null: they have none) */
  you: { userId: string; townId: string | null; sector: number | null };
  /** players whose chat this player has muted */
  mutes: string[];
  serverTime: number;
}

export interface GalaxyMutesMessage {
  mutes: string[];
}

/** A starbase as everyone may see it. */
export interface GalaxyTown {
  townId: string;
  name: string;
  ownerId: string;
  ownerName: string;
  /** its place in the sector (see `slotCell`) */
  slot: number;
  points: number;
  /** whether its owner has a connection to any room right now */
  online: boolean;
  /** server time until which newcomer protection keeps raiders away (in the past: raidable) */
  protectedUntil: number;
}

export interface ChatLine {
  id: string;
  channel: ChatChannel;
  authorId: string;
  authorName: string;
  /** plain text: render as text, never as markup */
  text: string;
  sentAt: number;
}

export interface GalaxyState {
  sector: number;
  /** how many sectors the galaxy has now (the map shows 1..sectorCount) */
  sectorCount: number;
  /** the sector's starbases by town id */
  towns: MapLike<GalaxyTown>;
  /** the last CHAT_HISTORY messages of the sector's channel, oldest first */
  sectorChat: ListLike<ChatLine>;
  /** the last CHAT_HISTORY messages of the galaxy-wide channel, oldest first */
  galaxyChat: ListLike<ChatLine>;
}
