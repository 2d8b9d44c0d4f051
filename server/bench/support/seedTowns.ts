import type { PrismaClient } from '@starscape/prisma';

/**
 * `count` towns with the same snapshot, owned by one new guest account, written 500 at a time; returns their ids
 * (`bench-000000`, `bench-000001`, …), each town at version 1.
 */
export async function seedTowns(prisma: PrismaClient, count: number, snapshot: string): Promise<string[]> {
  const owner = await prisma.user.create({ data: { displayName: 'Bench', isGuest: true } });
  const ids: string[] = [];
  for (let at = 0; at < count; at += 500) {
    const chunk = Array.from({ length: Math.min(500, count - at) }, (_, i) => ({ id: `bench-${String(at + i).padStart(6, '0')}`, ownerId: owner.id, name: `Town ${at + i}`, snapshot }));
    await prisma.town.createMany({ data: chunk });
    ids.push(...chunk.map((c) => c.id));
  }
  return ids;
}
