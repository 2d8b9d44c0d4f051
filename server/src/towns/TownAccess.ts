import { resume, townPoints, townSchema, type Town } from '@starscape/shared';
import type { Logger } from '../logger';
import { KeyedSerializer } from '../persistence/KeyedSerializer';
import type { PendingSaves } from '../persistence/PendingSaves';
import { StaleVersionError, type TownRepository } from '../persistence/TownRepository';

/** A change to a town from outside its room: a pure rule applied at `now`. */
export type TownChange = (town: Town, now: number) => Town;

/** What a live town room offers to changes from outside it. */
export interface LiveTown {
  /** applies the change, patches the players, and resolves once the result is saved */
  apply(change: TownChange): Promise<Town>;
  /** the town as the room holds it, advanced to now */
  current(): Town;
}

/**
 * The one way for anything but a town's own room (fleet arrivals, battle results) to change a town, whether
 * or not its room is running: through the live room when there is one in this process, else straight on the
 * stored snapshot with a compare-and-set save. Either way the change is saved before `update` resolves, so
 * an event handler that completes after it never loses its effect.
 *
 * In-process, loading a room and changing a stored town for the same id never interleave (one queue per
 * town). Across processes the versioned save keeps a stale writer from overwriting (several processes:
 * the Redis work routes to the process holding the room).
 */
export class TownAccess {
  private readonly live = new Map<string, LiveTown>();
  private readonly queue = new KeyedSerializer();

  constructor(
    private readonly deps: {
      towns: TownRepository;
      pendingSaves: PendingSaves;
      now: () => number;
      gameSpeed: number;
      logger: Logger;
    },
  ) {}

  /** Runs `task` with the town's queue held: a room loads its town this way, so no outside change slips in between. */
  exclusive<T>(townId: string, task: () => Promise<T>): Promise<T> {
    return this.queue.run(townId, task);
  }

  register(townId: string, room: LiveTown): void {
    this.live.set(townId, room);
  }

  unregister(townId: string, room: LiveTown): void {
    if (this.live.get(townId) === room) this.live.delete(townId);
  }

  isLive(townId: string): boolean {
    return this.live.has(townId);
  }

  /** The town as it is now (live room or stored, advanced to now), or null. Changes nothing. */
  async read(townId: string): Promise<Town | null> {
    const room = this.live.get(townId);
    if (room) return room.current();
    const stored = await this.deps.towns.load(townId);
    if (!stored) return null;
    const now = this.deps.now();
    return resume(townSchema.parse(stored.snapshot), this.deps.gameSpeed, now);
  }

  /** Applies `change` to the town and saves it; null when there is no such town. */
  update(townId: string, change: TownChange): Promise<Town | null> {
    return this.queue.run(townId, async () => {
      const room = this.live.get(townId);
      if (room) return room.apply(change);
      await this.deps.pendingSaves.waitFor(townId); // a room that just closed may still be saving
      for (let attempt = 1; ; attempt++) {
        const stored = await this.deps.towns.load(townId);
        if (!stored) return null;
        const now = this.deps.now();
        const town = townSchema.parse(stored.snapshot);
        const changed = change(resume(town, this.deps.gameSpeed, now), now);
        try {
          await this.deps.towns.save(townId, changed, stored.version, { points: townPoints(changed) });
          return changed;
        } catch (error) {
          // another process saved in between: load the newer town and apply the change to it
          if (!(error instanceof StaleVersionError) || attempt >= 5) throw error;
          this.deps.logger.warn('town changed underneath an outside update; retrying', { townId, attempt });
        }
      }
    });
  }
}
