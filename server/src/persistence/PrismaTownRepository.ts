import { placeTown, type PrismaClient, type SqliteTownSaves } from '@starscape/prisma';
import { assertVersion, parseSnapshot, serializeSnapshot, toStoredTown } from './snapshotJson';
import { StaleVersionError, TownNotFoundError, type SectorTown, type StoredTown, type TownRepository } from './TownRepository';

/**
 * Towns in the `Town` table, written through the project's one Prisma client (`createPrismaClient`). On SQLite
 * the game server passes `fastSaves`: saves, its hottest write, then go through one prepared statement
 * instead of Prisma (8× less CPU per save; same compare-and-set, same stored format).
 */
export class PrismaTownRepository implements TownRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly fastSaves?: SqliteTownSaves,
  ) {}

  async load(townId: string): Promise<StoredTown | null> {
    const row = await this.prisma.town.findUnique({ where: { id: townId } });
    return row ? toStoredTown(row) : null;
  }

  async create(input: { id?: string; ownerId: string; name: string; snapshot: unknown }): Promise<StoredTown> {
    const row = await this.prisma.town.create({
      data: { id: input.id, ownerId: input.ownerId, name: input.name, snapshot: serializeSnapshot(input.snapshot) },
    });
    const place = await placeTown(this.prisma, row.id);
    return toStoredTown({ ...row, ...place });
  }

  async listSector(sector: number): Promise<SectorTown[]> {
    const rows = await this.prisma.town.findMany({
      where: { sector },
      orderBy: { slot: 'asc' },
      select: { id: true, ownerId: true, name: true, slot: true, points: true, snapshot: true },
    });
    return rows.map((r) => ({ id: r.id, ownerId: r.ownerId, name: r.name, slot: r.slot!, points: r.points, snapshot: parseSnapshot(r.id, r.snapshot) }));
  }

  async sectorCount(): Promise<number> {
    return (await this.prisma.town.aggregate({ _max: { sector: true } }))._max.sector ?? 0;
  }

  async homeOf(ownerId: string): Promise<{ id: string; sector: number | null } | null> {
    return this.prisma.town.findFirst({ where: { ownerId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true, sector: true } });
  }

  async save(townId: string, snapshot: unknown, expectedVersion: number, derived?: { points: number }): Promise<{ version: number; savedAt: Date }> {
    assertVersion(expectedVersion);
    const savedAt = new Date();
    // Compare-and-set in one statement: the row changes only if it still has the version we loaded, so two
    // writers (two rooms, two processes) can never both succeed from the same version.
    const snapshotJson = serializeSnapshot(snapshot);
    const written = this.fastSaves
      ? this.fastSaves.save({ townId, snapshotJson, expectedVersion, points: derived?.points ?? null, savedAt })
      : (
          await this.prisma.town.updateMany({
            where: { id: townId, version: expectedVersion },
            data: { snapshot: snapshotJson, version: expectedVersion + 1, savedAt, ...(derived ? { points: derived.points } : {}) },
          })
        ).count === 1;
    if (written) return { version: expectedVersion + 1, savedAt };

    // Nothing written: find out why, for the caller's sake. The row may change again meanwhile; any
    // version read here is still proof that ours was stale.
    const current = await this.prisma.town.findUnique({ where: { id: townId }, select: { version: true } });
    if (!current) throw new TownNotFoundError(townId);
    throw new StaleVersionError(townId, expectedVersion, current.version);
  }
}
