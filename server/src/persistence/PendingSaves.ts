/**
 * In-flight saves by town id. Colyseus 0.16 does not await an async `onDispose` at shutdown
 * (colyseus/colyseus#823), and a new room for a town must not load it while the previous room is still
 * saving; both wait here instead.
 *
 * Saves are counted, not kept: an autosave starts (`begin`) and ends (`end`) without a promise of its own, as
 * thousands of them run every few seconds; a promise is made only for whoever waits. Waiting never rejects: a
 * failed save is reported by whoever started it, this only says when it is over.
 */
export class PendingSaves {
  /**
   * saves in flight, by town (absent or 0: none). A town's entry stays at 0 between its saves until `forget`:
   * a live town saves every few seconds, and adding and deleting thousands of entries a second made the map
   * allocate a new table again and again, which outlived the young generation (BENCHMARKS.md).
   */
  private readonly inFlight = new Map<string, number>();
  /** towns forgotten while a save of theirs was in flight (a failed last save retried): dropped when it ends */
  private readonly forgottenInFlight = new Set<string>();
  /** who waits for a town's saves to be over */
  private readonly townWaiters = new Map<string, Array<() => void>>();
  /** who waits for every save to be over */
  private drainWaiters: Array<() => void> = [];
  private count = 0;

  /** A save of `townId` has started; `end` must follow exactly once. */
  begin(townId: string): void {
    this.inFlight.set(townId, (this.inFlight.get(townId) ?? 0) + 1);
    this.count++;
  }

  /** A save `begin` announced is over (written, refused or failed). */
  end(townId: string): void {
    const left = (this.inFlight.get(townId) ?? 0) - 1;
    if (left < 0) throw new Error(`PendingSaves: a save of town ${townId} ended that never began`);
    this.count--;
    if (left > 0) {
      this.inFlight.set(townId, left);
      return;
    }
    if (this.forgottenInFlight.delete(townId)) this.inFlight.delete(townId);
    else this.inFlight.set(townId, 0);
    const waiters = this.townWaiters.get(townId);
    if (waiters) {
      this.townWaiters.delete(townId);
      for (const wake of waiters) wake();
    }
    if (this.count === 0 && this.drainWaiters.length > 0) {
      const drained = this.drainWaiters;
      this.drainWaiters = [];
      for (const wake of drained) wake();
    }
  }

  /**
   * A host of the town closed after its last save: the town's entry goes now, or, while a save of it is in
   * flight (a retry of a failed last save, or a new host's save), when that save ends. A new host that keeps the
   * town makes its entry again with its next save.
   */
  forget(townId: string): void {
    const inFlight = this.inFlight.get(townId);
    if (inFlight === 0) this.inFlight.delete(townId);
    else if (inFlight !== undefined) this.forgottenInFlight.add(townId);
  }

  /** Registers `save` under `townId` until it settles; returns `save` unchanged. */
  track<T>(townId: string, save: Promise<T>): Promise<T> {
    this.begin(townId);
    const end = () => this.end(townId);
    // Handles the rejection on this branch only; the caller still sees it on `save`.
    save.then(end, end);
    return save;
  }

  /** Resolves once no save for `townId` is in flight, including saves begun while waiting. */
  async waitFor(townId: string): Promise<void> {
    while ((this.inFlight.get(townId) ?? 0) > 0) {
      await new Promise<void>((wake) => {
        const waiters = this.townWaiters.get(townId);
        if (waiters) waiters.push(wake);
        else this.townWaiters.set(townId, [wake]);
      });
    }
  }

  /** Resolves once no save at all is in flight, including saves begun while draining (shutdown). */
  async drain(): Promise<void> {
    while (this.count > 0) await new Promise<void>((wake) => this.drainWaiters.push(wake));
  }

  /** Whether the town has an entry: a save in flight, or kept between saves until `forget` (for tests). */
  holds(townId: string): boolean {
    return this.inFlight.has(townId);
  }

  /** How many saves are in flight (for logs and tests). */
  get size(): number {
    return this.count;
  }
}
