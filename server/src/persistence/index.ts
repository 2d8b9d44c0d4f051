/**
 * Persistence: towns (snapshots with versions), the scheduled-event queue, battle records and fleets — each an
 * interface with an in-memory and a Prisma implementation — and the in-flight save registry.
 */
export { StaleVersionError, TownNotFoundError, type StoredTown, type TownRepository } from './TownRepository';
export { MemoryTownRepository } from './MemoryTownRepository';
export { PrismaTownRepository } from './PrismaTownRepository';
export { PendingSaves } from './PendingSaves';
export {
  DEFAULT_MAX_ATTEMPTS,
  type ClaimedEvent,
  type ClaimOptions,
  type EventQueue,
  type EventQueueOptions,
  type EventStatus,
  type NewEvent,
  type ScheduledEventRecord,
} from './EventQueue';
export { MemoryEventQueue } from './MemoryEventQueue';
export { PrismaEventQueue } from './PrismaEventQueue';
export {
  BATTLE_KINDS,
  BattleNotFoundError,
  BattleStateError,
  type BattleCursor,
  type BattleKind,
  type BattleRecord,
  type BattleRepository,
  type BattleStatus,
  type BattleSummary,
  type NewBattle,
} from './BattleRepository';
export { MemoryBattleRepository } from './MemoryBattleRepository';
export { PrismaBattleRepository } from './PrismaBattleRepository';
export { channelKey, type ChatRepository, type NewChatLine } from './ChatRepository';
export { MemoryChatRepository } from './MemoryChatRepository';
export { PrismaChatRepository } from './PrismaChatRepository';
