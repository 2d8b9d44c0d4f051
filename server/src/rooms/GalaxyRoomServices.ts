import type { Presence } from '@colyseus/core';
import type { GameTokenVerifier } from '../auth/GameTokenVerifier';
import type { UserDirectory } from '../auth/UserDirectory';
import type { ClusterClaims } from '../cluster/ClusterClaims';
import type { Logger } from '../logger';
import type { MessageLimits } from './incomingGuard';
import type { ChatRepository } from '../persistence/ChatRepository';
import type { TownRepository } from '../persistence/TownRepository';
import type { ChatLimiter } from '../presence/ChatLimiter';
import type { OnlinePlayers } from '../presence/OnlinePlayers';

/** What a galaxy room needs from the outside, injected when the room type is defined. */
export interface GalaxyRoomServices {
  /** the sector's starbases (public facts), and each player's home */
  towns: TownRepository;
  users: UserDirectory;
  tokens: GameTokenVerifier;
  chat: ChatRepository;
  chatLimiter: ChatLimiter;
  online: OnlinePlayers;
  /** Colyseus presence (galaxy-wide chat goes through it to every sector room, in every process) */
  presence: () => Presence;
  now: () => number;
  reconnectGraceSeconds: number;
  logger: Logger;
  /** how many messages a connection may send (default `DEFAULT_MESSAGE_LIMITS`) */
  messageLimits?: MessageLimits;
  /** one room per sector cluster-wide */
  claims: ClusterClaims;
  /** how often the sector's starbases are re-read (default 5 s) */
  refreshMs?: number;
}
