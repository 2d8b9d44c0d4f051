import type { PrismaClient } from '../generated/client/client';
import type { TownSaveRow } from './sqliteTownSaves';

/**
 * The game server's hot write on PostgreSQL: a batch of town saves as ONE statement, instead of one Prisma
 * `updateMany` per town in a transaction (each a query build, a round trip and its garbage). The rows travel
 * as four arrays, `unnest`ed into a table that the `UPDATE` joins on id and expected version: the same
 * compare-and-set as every save, and the statement is atomic, so a batch is written whole or not at all.
 */
export class PostgresTownSaves {
  constructor(private readonly prisma: PrismaClient) {}

  /** For each row, true when it had `expectedVersion` and now has the next one; false when nothing was written. */
  async saveMany(rows: readonly TownSaveRow[]): Promise<boolean[]> {
    if (rows.length === 0) return [];
    const savedAt = rows[0]!.savedAt;
    const written = await this.prisma.$queryRaw<Array<{ id: string }>>`
      UPDATE "Town" AS t
      SET "snapshot" = v.snapshot, "version" = v.expected + 1, "savedAt" = ${savedAt}, "points" = COALESCE(v.points, t."points")
      FROM unnest(${rows.map((r) => r.townId)}::text[], ${rows.map((r) => r.snapshotJson)}::text[], ${rows.map((r) => r.expectedVersion)}::int[], ${rows.map((r) => r.points)}::int[])
        AS v(id, snapshot, expected, points)
      WHERE t."id" = v.id AND t."version" = v.expected
      RETURNING t."id" AS id`;
    const ids = new Set(written.map((row) => row.id));
    return rows.map((row) => ids.has(row.townId));
  }
}
