/**
 * In-flight saves by town id. Colyseus 0.16 does not await an async `onDispose` at shutdown
 * (colyseus/colyseus#823), and a new room for a town must not load it while the previous room is still
 * saving; both wait here instead.
 *
 * Waiting never rejects: a failed save is reported by whoever started it, this only says when it is over.
 */
export class PendingSaves {
  private readonly byTown = new Map<string, Set<Promise<unknown>>>();

  /** Registers `save` under `townId` until it settles; returns `save` unchanged. */
  track<T>(townId: string, save: Promise<T>): Promise<T> {
    const saves = this.byTown.get(townId) ?? new Set<Promise<unknown>>();
    this.byTown.set(townId, saves);
    saves.add(save);
    const forget = () => {
      saves.delete(save);
      if (saves.size === 0 && this.byTown.get(townId) === saves) this.byTown.delete(townId);
    };
    // Handles the rejection on this branch only; the caller still sees it on `save`.
    save.then(forget, forget);
    return save;
  }

  /** Resolves once no save for `townId` is in flight, including saves tracked while waiting. */
  async waitFor(townId: string): Promise<void> {
    for (let saves = this.byTown.get(townId); saves; saves = this.byTown.get(townId)) {
      await Promise.allSettled([...saves]);
    }
  }

  /** Resolves once no save at all is in flight, including saves tracked while draining (shutdown). */
  async drain(): Promise<void> {
    while (this.byTown.size > 0) {
      await Promise.allSettled([...this.byTown.values()].flatMap((saves) => [...saves]));
    }
  }

  /** How many saves are in flight (for logs and tests). */
  get size(): number {
    let count = 0;
    for (const saves of this.byTown.values()) count += saves.size;
    return count;
  }
}
