import { townPoints, type Town } from '@starscape/shared';
import type { Logger } from '../logger';
import type { PendingSaves } from '../persistence/PendingSaves';
import { StaleVersionError, TownNotFoundError, type TownRepository } from '../persistence/TownRepository';

/** Why a town can no longer be saved: another writer got there first, or the town is gone. */
export type SaveConflict = 'stale' | 'not-found';

/**
 * Saves one town's snapshot: a few seconds after the first unsaved change (autosave), and on demand
 * (dispose, shutdown). One save in flight at a time, each tracked in `PendingSaves` so the process waits
 * for it before exiting and a new room for the same town waits before loading.
 */
export class TownSaver {
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private conflict: SaveConflict | null = null;

  constructor(
    private readonly townId: string,
    private version: number,
    private readonly snapshot: () => Town,
    private readonly deps: {
      towns: TownRepository;
      pendingSaves: PendingSaves;
      autosaveMs: number;
      logger: Logger;
      /** called once when a save is refused; the room must stop serving this copy of the town */
      onConflict: (conflict: SaveConflict) => void;
    },
  ) {}

  get hasUnsavedChanges(): boolean {
    return this.dirty;
  }

  get savedVersion(): number {
    return this.version;
  }

  /** Records a change; the autosave runs `autosaveMs` after the first unsaved change. */
  markDirty(): void {
    this.dirty = true;
    if (!this.timer && !this.conflict) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.deps.autosaveMs);
      this.timer.unref?.();
    }
  }

  /** Saves now if anything is unsaved; resolves when that save (and any before it) is done. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const next = this.chain.then(() => this.saveIfDirty());
    this.chain = next;
    this.deps.pendingSaves.track(this.townId, next);
    return next;
  }

  /** Stops the autosave timer (the room is going away). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async saveIfDirty(): Promise<void> {
    if (!this.dirty || this.conflict) return;
    const snapshot = this.snapshot();
    this.dirty = false;
    try {
      const { version } = await this.deps.towns.save(this.townId, snapshot, this.version, { points: townPoints(snapshot) });
      this.version = version;
      this.deps.logger.debug('town saved', { townId: this.townId, version });
    } catch (error) {
      if (error instanceof StaleVersionError || error instanceof TownNotFoundError) {
        this.conflict = error instanceof StaleVersionError ? 'stale' : 'not-found';
        this.deps.logger.error('town save refused; this copy stops serving', { townId: this.townId, conflict: this.conflict });
        this.deps.onConflict(this.conflict);
        return;
      }
      // a transient failure (database busy, disk full): keep the changes and try again later
      this.dirty = true;
      this.deps.logger.error('town save failed; will retry', { townId: this.townId, error: String(error) });
      this.markDirty();
    }
  }
}
