/** What a battle is fought for; `salvage` missions never fight. */
export type BattleKind = 'patrol' | 'expedition' | 'raid';
export const BATTLE_KINDS: readonly BattleKind[] = ['patrol', 'expedition', 'raid'];

/** `running` while the combat room (or an offline resolution) drives it; `finished` once its outcome is stored. */
export type BattleStatus = 'running' | 'finished';

/** What starting a battle records: everything needed, with the orders, to replay it exactly. */
export interface NewBattle {
  /** chosen by the caller (the combat room id derives from it; it is also the results' idempotency key) */
  id: string;
  /** the simulation's seed: an unsigned 32-bit integer, as `createRng`/`hashString` in shared/ produce */
  seed: number;
  startedAt: Date;
  attackerTownId: string;
  /** null when the other side is not a town (pirates, an ambush) */
  defenderTownId: string | null;
  kind: BattleKind;
  /** JSON: the fleets and the arena setup */
  initial: unknown;
}

/** A battle without its (possibly long) setup and order log: for lists. */
export interface BattleSummary {
  id: string;
  status: BattleStatus;
  seed: number;
  kind: BattleKind;
  attackerTownId: string;
  defenderTownId: string | null;
  createdAt: Date;
  startedAt: Date;
  finishedAt: Date | null;
  /** JSON given to `finish`; null while running */
  outcome: unknown;
  /** when the outcome was applied to every town taking part; null until then */
  resultsAppliedAt: Date | null;
}

/** The whole record: replay it by running the simulation from `initial` and `seed`, feeding `orders` at their steps. */
export interface BattleRecord extends BattleSummary {
  initial: unknown;
  /** every order given, in the order appended (each carries its own step; the repository does not look inside) */
  orders: unknown[];
}

/** Where a page of `listForTown` starts: the last battle of the previous page (any BattleSummary will do). */
export interface BattleCursor {
  startedAt: Date;
  id: string;
}

/**
 * Battle records. Every implementation passes the same contract suite
 * (server/test/persistence/battleRepository.contract.ts). Returned objects are copies.
 */
export interface BattleRepository {
  /** Records a new running battle with no orders. Throws if the id is taken. */
  create(battle: NewBattle): Promise<BattleRecord>;
  /**
   * Appends orders to a running battle's log, atomically and in call order (concurrent calls for one battle
   * are serialized). Returns how many orders the log holds now. Throws BattleNotFoundError, or
   * BattleStateError once the battle is finished (its log is closed).
   */
  appendOrders(battleId: string, orders: unknown[]): Promise<number>;
  /**
   * Stores the outcome and closes the battle, once: true if this call finished it; false (and nothing changes)
   * if it was already finished. Throws BattleNotFoundError.
   */
  finish(battleId: string, outcome: unknown, finishedAt: Date): Promise<boolean>;
  /**
   * Notes that the outcome reached every town taking part (each town also remembers the battle id, which is what
   * makes applying idempotent; this is for sweeps and history). True if this call set it, false if already set.
   * Throws BattleNotFoundError, or BattleStateError while the battle is running.
   */
  markResultsApplied(battleId: string, appliedAt: Date): Promise<boolean>;
  /** The full record, or null. */
  get(battleId: string): Promise<BattleRecord | null>;
  /**
   * Battles the town fought, as attacker or defender, newest `startedAt` first (ties by id, descending); at most
   * `limit`, and only those after `before` in that order when given.
   */
  listForTown(townId: string, page: { limit: number; before?: BattleCursor }): Promise<BattleSummary[]>;
  /** Every running battle, oldest first: on start, each is resumed or resolved from its record. */
  listRunning(): Promise<BattleRecord[]>;
}

/** No battle with this id. */
export class BattleNotFoundError extends Error {
  override readonly name = 'BattleNotFoundError';

  constructor(readonly battleId: string) {
    super(`battle ${battleId} does not exist`);
  }
}

/** The battle is not in the state the call needs (orders for a finished battle, results of a running one). */
export class BattleStateError extends Error {
  override readonly name = 'BattleStateError';

  constructor(
    readonly battleId: string,
    readonly status: BattleStatus,
    action: string,
  ) {
    super(`battle ${battleId} is ${status}: cannot ${action}`);
  }
}
