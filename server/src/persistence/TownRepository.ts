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
  /** its place in the galaxy: null until placed (placement happens on creation) */
  sector: number | null;
  slot: number | null;
  /** `townPoints` as of the last save that gave them */
  points: number;
}

/** One save of a batch (`saveMany`); `points` as in `save`'s `derived`. */
export interface TownSave {
  townId: string;
  snapshot: unknown;
  expectedVersion: number;
  points?: number;
}

/** What became of one save of a batch: the new version, or why it was refused. */
export type TownSaveOutcome = { version: number; savedAt: Date } | StaleVersionError | TownNotFoundError;

/** A town as the galaxy shows it (a sector's list). */
export interface SectorTown {
  id: string;
  ownerId: string;
  name: string;
  slot: number;
  points: number;
  /** parsed JSON of the rules state (for public facts such as newcomer protection); validate before use */
  snapshot: unknown;
}

/**
 * Where towns are kept. Every implementation passes the same contract suite
 * (server/test/persistence/townRepository.contract.ts). Returned objects are copies: mutating them never
 * changes what is stored.
 */
export interface TownRepository {
  /** The town, or null if there is none with this id. */
  load(townId: string): Promise<StoredTown | null>;
  /**
   * Creates a town (version 1) and gives it a place in the galaxy (`placeTown`: a free slot of the newest
   * sector). Used by tests and, through the same Prisma model, by the web's sign-up.
   */
  create(input: { id?: string; ownerId: string; name: string; snapshot: unknown }): Promise<StoredTown>;
  /**
   * Saves iff the stored version equals `expectedVersion`; returns the new version (`expectedVersion + 1`).
   * Throws StaleVersionError (the stored version differs) or TownNotFoundError (no such town, e.g. the
   * account was deleted). Never overwrites silently. `derived`: columns computed from the snapshot by the
   * caller (points); left as they are when absent. The snapshot is read before the call returns: the caller
   * may change it right after (a live town is saved as it is, and changes in place with its next action).
   */
  save(townId: string, snapshot: unknown, expectedVersion: number, derived?: { points: number }): Promise<{ version: number; savedAt: Date }>;
  /**
   * Several saves at once, each the same compare-and-set as `save`, in one transaction where the store has
   * them (one commit for the batch: what lets one process autosave thousands of towns a second). Outcomes
   * come in the order of `saves`; a refused save (StaleVersionError, TownNotFoundError as the outcome) does not
   * stop the others. Rejects only when the store failed as a whole, and then nothing was written. Every snapshot
   * is read before the call returns, as with `save`.
   */
  saveMany(saves: readonly TownSave[]): Promise<TownSaveOutcome[]>;
  /** The towns placed in `sector`, by slot. */
  listSector(sector: number): Promise<SectorTown[]>;
  /** The highest sector any town is in (0: none placed). */
  sectorCount(): Promise<number>;
  /** The player's starbase (their oldest town) and its sector, or null. */
  homeOf(ownerId: string): Promise<{ id: string; sector: number | null } | null>;
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
