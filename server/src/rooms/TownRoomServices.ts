import type { GameTokenVerifier } from '../auth/GameTokenVerifier';
import type { UserDirectory } from '../auth/UserDirectory';
import type { Logger } from '../logger';
import type { AutosaveQueue } from './AutosaveQueue';
import type { TownEventClock } from './TownEventClock';
import type { MessageLimits } from './incomingGuard';
import type { PendingSaves } from '../persistence/PendingSaves';
import type { TownRepository } from '../persistence/TownRepository';
import type { FleetArrivals } from '../fleets/FleetArrivals';
import type { OnlinePlayers } from '../presence/OnlinePlayers';
import type { TownAccess } from '../towns/TownAccess';

/** What a live town (and its host room) needs from the outside, injected when the `town` room type is defined. */
export interface TownRoomServices {
  towns: TownRepository;
  /** outside changes to towns go through here, live room or not */
  access: TownAccess;
  /** schedules what happens when a fleet arrives */
  fleets: FleetArrivals;
  users: UserDirectory;
  /** who is online (a player is while any of their rooms holds a connection) */
  online: OnlinePlayers;
  tokens: GameTokenVerifier;
  pendingSaves: PendingSaves;
  /** the server clock, ms since the epoch (injected so tests can move time) */
  now: () => number;
  gameSpeed: number;
  /** the process's autosaves (a changed town is saved a few seconds after its first change) */
  autosave: AutosaveQueue;
  /** every live town's next completion, on one timer */
  events: TownEventClock;
  reconnectGraceSeconds: number;
  logger: Logger;
  /** how many messages a connection may send (default `DEFAULT_MESSAGE_LIMITS`) */
  messageLimits?: MessageLimits;
}
