/**
 * The load bench's database: a fresh SQLite file, migrated like production, with `count` players and one town
 * each (`benchTown`), written with `createMany` in batches (16,000 players in a few seconds). Towns get their
 * galaxy place here, so the server's start-up placement has nothing to do.
 */
import { createPrismaClient, migrateDatabase } from '@starscape/prisma';
import { townPoints, townSchema } from '@starscape/shared';
import { benchPlayer, benchTown } from './workload';

const BATCH = 500;

export async function seedDatabase(databaseUrl: string, count: number): Promise<{ ms: number }> {
  const started = performance.now();
  await migrateDatabase(databaseUrl);
  const prisma = createPrismaClient(databaseUrl);
  try {
    const now = Date.now();
    const town = benchTown(now);
    townSchema.parse(town); // what the servers will check when they load it
    const snapshot = JSON.stringify(town);
    const points = townPoints(town);
    for (let from = 0; from < count; from += BATCH) {
      const players = Array.from({ length: Math.min(BATCH, count - from) }, (_, k) => benchPlayer(from + k));
      await prisma.user.createMany({ data: players.map((p) => ({ id: p.userId, displayName: p.name, isGuest: true })) });
      await prisma.town.createMany({
        data: players.map((p) => ({ id: p.townId, ownerId: p.userId, name: `${p.name}'s Starbase`, snapshot, sector: p.sector, slot: p.slot, points })),
      });
    }
  } finally {
    await prisma.$disconnect();
  }
  return { ms: performance.now() - started };
}
