import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, defaultDatabaseUrl, migrateDatabase, type PrismaClient } from '@starscape/prisma';
import { advance, newTown, stocksAt, townSchema } from '@starscape/shared';
import { PrismaTownRepository } from '../../src/persistence';
import { probe } from '../support/roomProbe';
import { startTestServer } from '../support/startTestServer';
import { townOf } from '../support/townOf';

let dir: string;
let prisma: PrismaClient;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'starscape-restart-'));
  const url = defaultDatabaseUrl(dir);
  await migrateDatabase(url);
  prisma = createPrismaClient(url);
});
afterAll(async () => {
  await prisma.$disconnect();
  await rm(dir, { recursive: true, force: true });
});

describe('a town in the SQLite database across a server restart', () => {
  it('is saved on shutdown and comes back in a new server with exact offline progress', async () => {
    const towns = new PrismaTownRepository(prisma);
    await prisma.user.create({ data: { id: 'pilot', displayName: 'Pilot pilot' } });

    const first = await startTestServer({ towns, autosaveMs: 600_000 });
    const { townId } = await first.createPlayer('pilot', newTown(first.now(), 1));
    const room = await first.join('pilot', townId);
    const seen = probe(room);
    room.send('upgrade:start', { building: 'fuelRefinery' });
    await seen.stateWhere((s) => s.upgrade !== undefined);
    const live = townOf(room.state);
    await first.server.shutdown(); // what SIGTERM does: disconnect, dispose, save, wait

    const row = await prisma.town.findUniqueOrThrow({ where: { id: townId } });
    expect(row.version).toBe(2);
    const saved = townSchema.parse(JSON.parse(row.snapshot));
    expect(saved).toEqual(live);

    const second = await startTestServer({ towns });
    second.users.add('pilot', 'Pilot pilot');
    second.clock.skewMs = 2 * 3_600_000; // the server was down for two hours
    const back = await second.join('pilot', townId);
    const seenBack = probe(back);
    await seenBack.stateChange();
    const restored = townOf(back.state);
    expect(restored.buildings.fuelRefinery).toBe(1); // finished while nobody was there
    expect(restored).toEqual(advance(saved, second.now()));
    const at = second.now();
    expect(stocksAt(restored, at)).toEqual(stocksAt(advance(saved, at), at));
    await back.leave();
    await second.server.shutdown();
  });
});
