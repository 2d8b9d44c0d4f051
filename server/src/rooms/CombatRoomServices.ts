import type { GameTokenVerifier } from '../auth/GameTokenVerifier';
import type { UserDirectory } from '../auth/UserDirectory';
import type { ClusterClaims } from '../cluster/ClusterClaims';
import type { Logger } from '../logger';
import type { MessageLimits } from './incomingGuard';
import type { BattleRepository } from '../persistence/BattleRepository';
import type { TownRepository } from '../persistence/TownRepository';
import type { OnlinePlayers } from '../presence/OnlinePlayers';

/** What a combat room needs from the outside, injected when the room type is defined. */
export interface CombatRoomServices {
  /** the battle record: where the room starts from, and where every order is stored before it applies */
  battles: BattleRepository;
  /** names and owners of the towns taking part */
  towns: TownRepository;
  users: UserDirectory;
  online: OnlinePlayers;
  tokens: GameTokenVerifier;
  /** applies a finished battle's results to the towns; idempotent (the battle id is the key) */
  settle: (battleId: string) => Promise<void>;
  now: () => number;
  reconnectGraceSeconds: number;
  logger: Logger;
  /** how many messages a connection may send (default `DEFAULT_MESSAGE_LIMITS`) */
  messageLimits?: MessageLimits;
  /** one room per battle cluster-wide */
  claims: ClusterClaims;
  /** wall time between two patches to watchers (default LIVE_BATTLE_PATCH_MS) */
  patchMs?: number;
  /** how long the room stays open after the end, so watchers see it (default 8 s) */
  lingerMs?: number;
}
