import type { StoredTown } from './TownRepository';

/**
 * Snapshots are stored as JSON text by every repository, including the in-memory one, so all of them hand
 * back the same thing (a fresh parsed copy: no aliasing, Dates as strings, `undefined` fields dropped).
 */
export function serializeSnapshot(snapshot: unknown): string {
  const json = JSON.stringify(snapshot);
  // JSON.stringify returns undefined (not a string) for undefined, functions and symbols.
  if (typeof json !== 'string') throw new TypeError('town snapshot must be JSON-serializable');
  return json;
}

/** Parses stored snapshot JSON, naming the town if the stored text is corrupt. */
export function parseSnapshot(townId: string, json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw new Error(`town ${townId}: stored snapshot is not valid JSON`, { cause: error });
  }
}

/**
 * Refuses anything but a positive integer version before it reaches a query: with Prisma, a `version:
 * undefined` filter is dropped and the save would overwrite whatever is stored.
 */
export function assertVersion(expectedVersion: number): void {
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 1) {
    throw new TypeError(`expected version must be a positive integer, got ${String(expectedVersion)}`);
  }
}

/** A stored row as every repository keeps it: the snapshot as JSON text. */
export interface TownRow {
  id: string;
  ownerId: string;
  name: string;
  snapshot: string;
  version: number;
  savedAt: Date;
  createdAt: Date;
  sector: number | null;
  slot: number | null;
  points: number;
}

/** A row handed out as a `StoredTown`: snapshot parsed afresh, date copied, so callers share nothing with storage. */
export function toStoredTown(row: TownRow): StoredTown {
  return {
    id: row.id,
    ownerId: row.ownerId,
    name: row.name,
    snapshot: parseSnapshot(row.id, row.snapshot),
    version: row.version,
    savedAt: new Date(row.savedAt),
    sector: row.sector,
    slot: row.slot,
    points: row.points,
  };
}
