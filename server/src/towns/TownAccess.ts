import { resume, townPoints, townSchema, type Town } from '@starscape/shared';
import { acquireWhenFree, type ClusterClaims } from '../cluster/ClusterClaims';
import type { RemoteTowns } from '../cluster/RemoteTowns';
import { ROOM_CLAIM_WAIT_MS } from '../cluster/roomClaims';
import type { Logger } from '../logger';
import type { TownHosts } from './townHosts';
import { KeyedSerializer } from '../persistence/KeyedSerializer';
import type { PendingSaves } from '../persistence/PendingSaves';
import { StaleVersionError, type TownRepository } from '../persistence/TownRepository';
import { applyTownChange, type TownChange } from './townChanges';

export type { TownChange } from './townChanges';

/** The cluster claim a town's one writer holds (the town while it is live, or an outside update for a moment). */
export const townClaimKey = (townId: string) => `town:${townId}`;

/** How long an outside change keeps trying to reach a town that is busy elsewhere (a crashed holder's claim expires in 15 s). */
const UPDATE_DEADLINE_MS = 30_000;

/** What a live town (`HostedTown`) offers to changes from outside it. */
export interface LiveTown {
  /** applies the change, patches the players, and resolves once the result is saved */
  applyChange(change: TownChange): Promise<Town>;
  /** the town as it is live, advanced to now */
  advancedTown(): Town;
}

/**
 * The one way for anything but a town's own players (fleet arrivals, battle results) to change a town, whether
 * or not it is live, and in whichever process it is:
 * - a town live in this process applies the change itself;
 * - a town live in another process gets the change as data (a remote room call to its host) and applies it there;
 * - with the town live nowhere, the change is written straight to the stored snapshot while this process holds
 *   the town's cluster claim, so no host can load the town halfway through.
 * Either way the change is saved before `update` resolves, so an event handler that completes after it never
 * loses its effect. Changes are idempotent (shared rules keyed by fleet or battle), so a retry is harmless.
 */
export class TownAccess {
  private readonly live = new Map<string, LiveTown>();
  private readonly queue = new KeyedSerializer();

  constructor(
    private readonly deps: {
      towns: TownRepository;
      pendingSaves: PendingSaves;
      claims: ClusterClaims;
      remote: RemoteTowns;
      /** where a town live in another process is: its host room */
      hosts: TownHosts;
      now: () => number;
      gameSpeed: number;
      logger: Logger;
    },
  ) {}

  /** Runs `task` with the town's queue held: a town opens this way, so no outside change slips in between. */
  exclusive<T>(townId: string, task: () => Promise<T>): Promise<T> {
    return this.queue.run(townId, task);
  }

  /**
   * Claims the town for a host of this process, waiting a little for an outside update or a closing copy to
   * give it back. False when it is live elsewhere (the join should be retried: it will find that host).
   */
  async claimForRoom(townId: string): Promise<boolean> {
    const blocking = await acquireWhenFree(this.deps.claims, townClaimKey(townId), 'room', { timeoutMs: ROOM_CLAIM_WAIT_MS });
    if (blocking) this.deps.logger.warn('town is live elsewhere; refusing a second copy', { townId, holder: blocking.holder });
    return blocking === null;
  }

  /** Gives the town's claim back (a town closing, after its last save). */
  releaseRoomClaim(townId: string): Promise<void> {
    return this.deps.claims.release(townClaimKey(townId));
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

  /** The town as it is now (live here or elsewhere, or stored, advanced to now), or null. Changes nothing. */
  async read(townId: string): Promise<Town | null> {
    const room = this.live.get(townId);
    if (room) return room.advancedTown();
    const claim = await this.deps.claims.holder(townClaimKey(townId));
    if (claim?.kind === 'room' && claim.holder !== this.deps.claims.processId) {
      const remote = await this.deps.remote.current(this.deps.hosts.roomIdOf(townId), townId);
      if (remote !== 'gone') return remote;
    }
    const stored = await this.deps.towns.load(townId);
    if (!stored) return null;
    const now = this.deps.now();
    return resume(townSchema.parse(stored.snapshot), this.deps.gameSpeed, now);
  }

  /** Applies `change` to the town and saves it; null when there is no such town. */
  update(townId: string, change: TownChange): Promise<Town | null> {
    return this.queue.run(townId, async () => {
      const deadline = Date.now() + UPDATE_DEADLINE_MS;
      for (let attempt = 1; ; attempt++) {
        const room = this.live.get(townId);
        if (room) return room.applyChange(change);
        const blocking = await this.deps.claims.acquire(townClaimKey(townId), 'update');
        if (!blocking) {
          try {
            return await this.updateStored(townId, change);
          } finally {
            await this.deps.claims.release(townClaimKey(townId));
          }
        }
        if (blocking.kind === 'room' && blocking.holder !== this.deps.claims.processId) {
          const applied = await this.deps.remote.apply(this.deps.hosts.roomIdOf(townId), townId, change);
          if (applied !== 'gone') return applied;
        }
        // the town is closing (its last save) or another process is writing: look again shortly
        if (Date.now() > deadline) throw new Error(`town ${townId} stayed busy for ${UPDATE_DEADLINE_MS / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(20 * attempt, 500)));
      }
    });
  }

  /** The change on the stored snapshot, with a compare-and-set save (retried on a newer version). */
  private async updateStored(townId: string, change: TownChange): Promise<Town | null> {
    await this.deps.pendingSaves.waitFor(townId); // a town that just closed may still be saving
    for (let attempt = 1; ; attempt++) {
      const stored = await this.deps.towns.load(townId);
      if (!stored) return null;
      const now = this.deps.now();
      const changed = applyTownChange(resume(townSchema.parse(stored.snapshot), this.deps.gameSpeed, now), change, now);
      try {
        await this.deps.towns.save(townId, changed, stored.version, { points: townPoints(changed) });
        return changed;
      } catch (error) {
        // a writer that lost its claim (its process stalled past its heartbeat) saved in between: apply to the newer town
        if (!(error instanceof StaleVersionError) || attempt >= 5) throw error;
        this.deps.logger.warn('town changed underneath an outside update; retrying', { townId, attempt });
      }
    }
  }
}
