import { randomUUID } from 'node:crypto';
import { assertVersion, serializeSnapshot, toStoredTown, type TownRow } from './snapshotJson';
import { StaleVersionError, TownNotFoundError, type StoredTown, type TownRepository } from './TownRepository';

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
    };
    this.rows.set(id, row);
    return toStoredTown(row);
  }

  async save(townId: string, snapshot: unknown, expectedVersion: number): Promise<{ version: number; savedAt: Date }> {
    assertVersion(expectedVersion);
    const json = serializeSnapshot(snapshot);
    // No await between the check and the write, so concurrent saves cannot interleave here.
    const row = this.rows.get(townId);
    if (!row) throw new TownNotFoundError(townId);
    if (row.version !== expectedVersion) throw new StaleVersionError(townId, expectedVersion, row.version);
    row.snapshot = json;
    row.version = expectedVersion + 1;
    row.savedAt = new Date();
    return { version: row.version, savedAt: new Date(row.savedAt) };
  }
}
