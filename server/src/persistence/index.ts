/** Town persistence: the repository interface, its implementations and the in-flight save registry. */
export { StaleVersionError, TownNotFoundError, type StoredTown, type TownRepository } from './TownRepository';
export { MemoryTownRepository } from './MemoryTownRepository';
export { PrismaTownRepository } from './PrismaTownRepository';
export { PendingSaves } from './PendingSaves';
