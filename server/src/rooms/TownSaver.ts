import { townPoints, type Town } from '@starscape/shared';
import type { Logger } from '../logger';
import type { PendingSaves } from '../persistence/PendingSaves';
import { StaleVersionError, TownNotFoundError, type TownRepository, type TownSave } from '../persistence/TownRepository';
import type { AutosaveQueue, AutosaveSource, AutosaveTicket } from './AutosaveQueue';

/** Why a town can no longer be saved: another writer got there first, or the town is gone. */
export type SaveConflict = 'stale' | 'not-found';

/** The live town a saver writes (its room): methods rather than closures, as there are thousands of rooms. */
export interface SavedTown {
  /** the town to write now */
  townToSave(): Town;
  /** Called once when a save is refused; the room must stop serving this copy of the town. */
  saveRefused(conflict: SaveConflict): void;
}

/** What a saver writes with; a town passes its services (shared by every town), not an object of its own. */
export interface TownSaverDeps {
  towns: TownRepository;
  pendingSaves: PendingSaves;
  autosave: AutosaveQueue;
  logger: Logger;
}

/**
 * Saves one town's snapshot: by the process's `AutosaveQueue` a few seconds after the first unsaved change,
 * and on demand (dispose, shutdown). One save in flight at a time, each tracked in `PendingSaves` so the
 * process waits for it before exiting and a new room for the same town waits before loading.
 */
export class TownSaver implements AutosaveSource {
  private dirty = false;
  private queued: AutosaveTicket | undefined;
  /** a save (autosave or flush) is being written */
  private saving = false;
  /** the save being written is an autosave (a flush's is on `chain`) */
  private autosaving = false;
  /** made only when a flush waits for the autosave in flight, and woken when it lands */
  private autosaveLanded: Promise<void> | undefined;
  private wakeAfterAutosave: (() => void) | undefined;
  /** the queue came while a save was in flight: queue again when it lands */
  private autosaveWhenSaved = false;
  private stopped = false;
  private chain: Promise<void> = Promise.resolve();
  /** the points the last save that landed stored (unknown before the first), and those of the save in flight */
  private savedPoints: number | undefined;
  private savingPoints: number | undefined;
  private conflict: SaveConflict | null = null;

  constructor(
    private readonly townId: string,
    private version: number,
    private readonly town: SavedTown,
    private readonly deps: TownSaverDeps,
  ) {}

  get hasUnsavedChanges(): boolean {
    return this.dirty;
  }

  get savedVersion(): number {
    return this.version;
  }

  /** Records a change; the autosave comes the queue's delay after the first unsaved change. */
  markDirty(): void {
    this.dirty = true;
    if (!this.stopped) this.queueAutosave();
  }

  /** Saves now if anything is unsaved; resolves when that save (and any before it) is done. */
  flush(): Promise<void> {
    this.unqueueAutosave();
    const next = this.chain.then(() => this.afterAutosave()).then(() => this.saveIfDirty());
    this.chain = next;
    this.deps.pendingSaves.track(this.townId, next);
    return next;
  }

  /** No more autosaves for new changes (the room is going away; its last save is a `flush`). */
  stop(): void {
    this.stopped = true;
    this.unqueueAutosave();
  }

  /**
   * `AutosaveSource`: the save to write now. An autosave makes no promise of its own (thousands of them run every
   * few seconds): it is counted in `PendingSaves` until `autosaved`, and a flush waits for it only if one comes.
   */
  prepareAutosave(): TownSave | null {
    this.queued = undefined;
    if (!this.dirty || this.conflict) return null;
    if (this.saving) {
      this.autosaveWhenSaved = true;
      return null;
    }
    const snapshot = this.begin();
    this.autosaving = true;
    this.deps.pendingSaves.begin(this.townId);
    return { townId: this.townId, snapshot, expectedVersion: this.version, points: this.pointsToStore(snapshot) };
  }

  /** `AutosaveSource`: how the save `prepareAutosave` gave went. */
  autosaved(outcome: unknown): void {
    this.autosaving = false;
    try {
      this.finish(outcome);
    } finally {
      this.deps.pendingSaves.end(this.townId);
      const wake = this.wakeAfterAutosave;
      this.autosaveLanded = this.wakeAfterAutosave = undefined;
      wake?.();
    }
  }

  /** Resolves once the autosave being written (if any) has landed. */
  private afterAutosave(): Promise<void> | undefined {
    if (!this.autosaving) return undefined;
    return (this.autosaveLanded ??= new Promise<void>((resolve) => (this.wakeAfterAutosave = resolve)));
  }

  private queueAutosave({ soon = false } = {}): void {
    if (!this.queued && !this.conflict) this.queued = this.deps.autosave.schedule(this, { soon });
  }

  private unqueueAutosave(): void {
    if (this.queued) this.queued.cancelled = true;
    this.queued = undefined;
  }

  private async saveIfDirty(): Promise<void> {
    if (!this.dirty || this.conflict) return;
    const snapshot = this.begin();
    let outcome: unknown;
    try {
      const points = this.pointsToStore(snapshot);
      outcome = await this.deps.towns.save(this.townId, snapshot, this.version, points === undefined ? undefined : { points });
    } catch (error) {
      outcome = error;
    }
    this.finish(outcome);
  }

  /**
   * The town's points for the leaderboard, when they differ from what the last save stored (most saves change
   * none): a save without points leaves them, and writing them costs the database an index update.
   */
  private pointsToStore(snapshot: Town): number | undefined {
    const points = townPoints(snapshot);
    this.savingPoints = points;
    return points === this.savedPoints ? undefined : points;
  }

  private begin(): Town {
    const snapshot = this.town.townToSave();
    this.dirty = false;
    this.saving = true;
    return snapshot;
  }

  private finish(outcome: unknown): void {
    this.saving = false;
    if (outcome instanceof StaleVersionError || outcome instanceof TownNotFoundError) {
      this.conflict = outcome instanceof StaleVersionError ? 'stale' : 'not-found';
      this.unqueueAutosave();
      this.deps.logger.error('town save refused; this copy stops serving', { townId: this.townId, conflict: this.conflict });
      this.town.saveRefused(this.conflict);
      return;
    }
    if (outcome instanceof Error || !isSaved(outcome)) {
      // a transient failure (database busy, disk full): keep the changes and try again later (also after `stop`:
      // a room's last save that failed is retried by the queue)
      this.dirty = true;
      this.deps.logger.error('town save failed; will retry', { townId: this.townId, error: String(outcome) });
      this.queueAutosave();
      return;
    }
    this.version = outcome.version;
    this.savedPoints = this.savingPoints;
    this.deps.logger.debug('town saved', { townId: this.townId, version: outcome.version });
    if (this.autosaveWhenSaved) {
      this.autosaveWhenSaved = false;
      if (this.dirty) this.queueAutosave({ soon: true });
    }
  }
}

function isSaved(outcome: unknown): outcome is { version: number } {
  return typeof outcome === 'object' && outcome !== null && typeof (outcome as { version?: unknown }).version === 'number';
}
