/** A town as stored: the rules state as parsed JSON plus the version used for optimistic concurrency. */
export interface StoredTown {
  id: string;
  ownerId: string;
  name: string;
  /** Parsed JSON of the shared `Town` rules state; validate it before use. */
  snapshot: unknown;
  /** 1 on creation, +1 on every save. */
  version: number;
  savedAt: Date;
}

/**
 * Where towns are kept. Every implementation passes the same contract suite
 * (server/test/persistence/townRepository.contract.ts). Returned objects are copies: mutating them never
 * changes what is stored.
 */
export interface TownRepository {
  /** The town, or null if there is none with this id. */
  load(townId: string): Promise<StoredTown | null>;
  /** Creates a town (version 1). Used by tests and, through the same Prisma model, by the web's sign-up. */
  create(input: { id?: string; ownerId: string; name: string; snapshot: unknown }): Promise<StoredTown>;
  /**
   * Saves iff the stored version equals `expectedVersion`; returns the new version (`expectedVersion + 1`).
   * Throws StaleVersionError (the stored version differs) or TownNotFoundError (no such town, e.g. the
   * account was deleted). Never overwrites silently.
   */
  save(townId: string, snapshot: unknown, expectedVersion: number): Promise<{ version: number; savedAt: Date }>;
}

/** A save named a version that is no longer the stored one: someone else saved this town in between. */
export class StaleVersionError extends Error {
  override readonly name = 'StaleVersionError';

  constructor(
    readonly townId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`town ${townId}: expected version ${expected}, stored version is ${actual}`);
  }
}

/** A save for a town that does not exist (never created, or deleted with its account). */
export class TownNotFoundError extends Error {
  override readonly name = 'TownNotFoundError';

  constructor(readonly townId: string) {
    super(`town ${townId} does not exist`);
  }
}
