import type { PrismaClient, Town } from '@starscape/prisma';
import { assertVersion, serializeSnapshot, toStoredTown } from './snapshotJson';
import { StaleVersionError, TownNotFoundError, type StoredTown, type TownRepository } from './TownRepository';

/** Towns in the `Town` table, written through the project's one Prisma client (`createPrismaClient`). */
export class PrismaTownRepository implements TownRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async load(townId: string): Promise<StoredTown | null> {
    const row = await this.prisma.town.findUnique({ where: { id: townId } });
    return row ? toStoredTown(row) : null;
  }

  async create(input: { id?: string; ownerId: string; name: string; snapshot: unknown }): Promise<StoredTown> {
    const row = await this.prisma.town.create({
      data: { id: input.id, ownerId: input.ownerId, name: input.name, snapshot: serializeSnapshot(input.snapshot) },
    });
    return toStoredTown(row);
  }

  async save(townId: string, snapshot: unknown, expectedVersion: number): Promise<{ version: number; savedAt: Date }> {
    assertVersion(expectedVersion);
    const savedAt = new Date();
    // Compare-and-set in one statement: the row changes only if it still has the version we loaded, so two
    // writers (two rooms, two processes) can never both succeed from the same version.
    const { count } = await this.prisma.town.updateMany({
      where: { id: townId, version: expectedVersion },
      data: { snapshot: serializeSnapshot(snapshot), version: expectedVersion + 1, savedAt },
    });
    if (count === 1) return { version: expectedVersion + 1, savedAt };

    // Nothing written: find out why, for the caller's sake. The row may change again meanwhile; any
    // version read here is still proof that ours was stale.
    const current = await this.prisma.town.findUnique({ where: { id: townId }, select: { version: true } });
    if (!current) throw new TownNotFoundError(townId);
    throw new StaleVersionError(townId, expectedVersion, current.version);
  }
}
