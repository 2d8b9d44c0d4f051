import { randomUUID } from 'node:crypto';
import { hashString, pickSlot } from '@starscape/shared';
import { assertVersion, parseSnapshot, serializeSnapshot, toStoredTown, type TownRow } from './snapshotJson';
import { StaleVersionError, TownNotFoundError, type SectorTown, type StoredTown, type TownRepository, type TownSave, type TownSaveOutcome } from './TownRepository';

/** Snapshots are kept as JSON text, like the SQL column: stored state can't be reached through a returned object. */
type Row = TownRow;

/** Towns in a Map: the default for tests and for running the game server without a database. */
export class MemoryTownRepository implements TownRepository {
  private readonly rows = new Map<string, Row>();

  async load(townId: string): Promise<StoredTown | null> {
    const row = this.rows.get(townId);
    return row ? toStoredTown(row) : null;
  }

  async create(input: { id?: string; ownerId: string; name: string; snapshot: unknown }): Promise<StoredTown> {
    const id = input.id ?? randomUUID();
    if (this.rows.has(id)) throw new Error(`town ${id} already exists`);
    const row: Row = {
      id,
      ownerId: input.ownerId,
      name: input.name,
      snapshot: serializeSnapshot(input.snapshot),
      version: 1,
      savedAt: new Date(),
      createdAt: new Date(),
      ...this.place(id),
      points: 0,
    };
    this.rows.set(id, row);
    return toStoredTown(row);
  }

  /** The same placement as the Prisma repository's (`placeTown`): a free slot of the newest sector, or a new one. */
  private place(id: string): { sector: number; slot: number } {
    const newest = Math.max(1, ...[...this.rows.values()].map((r) => r.sector ?? 0));
    const taken = [...this.rows.values()].filter((r) => r.sector === newest).map((r) => r.slot!);
    const seed = hashString(`${id}:1`);
    const slot = pickSlot(taken, seed);
    return slot === null ? { sector: newest + 1, slot: pickSlot([], seed)! } : { sector: newest, slot };
  }

  async listSector(sector: number): Promise<SectorTown[]> {
    return [...this.rows.values()]
      .filter((r) => r.sector === sector && r.slot !== null)
      .sort((a, b) => a.slot! - b.slot!)
      .map((r) => ({ id: r.id, ownerId: r.ownerId, name: r.name, slot: r.slot!, points: r.points, snapshot: parseSnapshot(r.id, r.snapshot) }));
  }

  async sectorCount(): Promise<number> {
    return Math.max(0, ...[...this.rows.values()].map((r) => r.sector ?? 0));
  }

  async homeOf(ownerId: string): Promise<{ id: string; sector: number | null } | null> {
    // rows are kept in creation order, so the first of the owner's is the oldest
    const oldest = [...this.rows.values()].find((r) => r.ownerId === ownerId);
    return oldest ? { id: oldest.id, sector: oldest.sector } : null;
  }

  async save(townId: string, snapshot: unknown, expectedVersion: number, derived?: { points: number }): Promise<{ version: number; savedAt: Date }> {
    assertVersion(expectedVersion);
    return this.write(townId, serializeSnapshot(snapshot), expectedVersion, derived?.points);
  }

  async saveMany(saves: readonly TownSave[]): Promise<TownSaveOutcome[]> {
    for (const s of saves) assertVersion(s.expectedVersion);
    const written = saves.map((s) => ({ ...s, json: serializeSnapshot(s.snapshot) })); // read now, as the contract says
    const outcomes: TownSaveOutcome[] = [];
    for (const { townId, json, expectedVersion, points } of written) {
      try {
        outcomes.push(this.write(townId, json, expectedVersion, points));
      } catch (error) {
        if (!(error instanceof StaleVersionError || error instanceof TownNotFoundError)) throw error;
        outcomes.push(error);
      }
    }
    return outcomes;
  }

  /** The compare-and-set itself: synchronous, so concurrent saves cannot interleave between check and write. */
  private write(townId: string, json: string, expectedVersion: number, points: number | undefined): { version: number; savedAt: Date } {
    const row = this.rows.get(townId);
    if (!row) throw new TownNotFoundError(townId);
    if (row.version !== expectedVersion) throw new StaleVersionError(townId, expectedVersion, row.version);
    row.snapshot = json;
    row.version = expectedVersion + 1;
    row.savedAt = new Date();
    if (points !== undefined) row.points = points;
    return { version: row.version, savedAt: new Date(row.savedAt) };
  }
}
