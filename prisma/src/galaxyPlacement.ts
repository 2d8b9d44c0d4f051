import { hashString, pickSlot } from '@starscape/shared';
import type { PrismaClient } from '../generated/client/client';

const ATTEMPTS = 20;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/**
 * Gives a town without a place its sector and slot: a free slot of the newest sector (picked from the town id,
 * so it looks scattered), or the first slot choice of a new sector when that one is full. Two placements at
 * the same moment may pick the same slot: the unique (sector, slot) index refuses one, which tries again.
 * Returns the place (the existing one if the town already has one); null if there is no such town.
 */
export async function placeTown(prisma: PrismaClient, townId: string): Promise<{ sector: number; slot: number } | null> {
  for (let attempt = 1; ; attempt++) {
    const town = await prisma.town.findUnique({ where: { id: townId }, select: { sector: true, slot: true } });
    if (!town) return null;
    if (town.sector !== null && town.slot !== null) return { sector: town.sector, slot: town.slot };
    const newest = (await prisma.town.aggregate({ _max: { sector: true } }))._max.sector ?? 1;
    const taken = await prisma.town.findMany({ where: { sector: newest }, select: { slot: true } });
    const seed = hashString(`${townId}:${attempt}`);
    let sector = newest;
    let slot = pickSlot(
      taken.flatMap((t) => (t.slot === null ? [] : [t.slot])),
      seed,
    );
    if (slot === null) {
      sector = newest + 1;
      slot = pickSlot([], seed)!;
    }
    try {
      const { count } = await prisma.town.updateMany({ where: { id: townId, sector: null }, data: { sector, slot } });
      if (count === 1) return { sector, slot };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Places every town that has no place yet (towns from before the galaxy, or a placement that failed), oldest first. */
export async function placeUnplacedTowns(prisma: PrismaClient): Promise<number> {
  const unplaced = await prisma.town.findMany({ where: { sector: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } });
  for (const town of unplaced) await placeTown(prisma, town.id);
  return unplaced.length;
}
