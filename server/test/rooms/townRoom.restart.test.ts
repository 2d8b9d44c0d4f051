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

describe('a fleet in flight across a server restart', () => {
  it('arrives on the first poll of the next server when its arrival fell due while no server ran', async () => {
    const { missionBoard, newTown: fresh } = await import('@starscape/shared');
    const { PrismaBattleRepository, PrismaEventQueue } = await import('../../src/persistence');
    const towns = new PrismaTownRepository(prisma);
    const battles = new PrismaBattleRepository(prisma);
    const events = new PrismaEventQueue(prisma);
    await prisma.user.create({ data: { id: 'voyager', displayName: 'Voyager' } });

    const first = await startTestServer({ towns, battles, events, gameSpeed: 1 });
    const base = fresh(first.now(), 1);
    const armed = { ...base, ships: { ...base.ships, fighter: 25 }, stocks: { ...base.stocks, fuel: { ...base.stocks.fuel, amount: 5000 } } };
    const { townId } = await first.createPlayer('voyager', armed);
    const room = await first.join('voyager', townId);
    const seen = probe(room);
    const patrol = missionBoard(townId, first.now(), 1).missions[0]!;
    room.send('fleet:dispatch', { missionId: patrol.id, ships: { fighter: 25 } });
    await seen.stateWhere((s) => s.fleets?.size === 1);
    const fleetId = [...room.state.fleets.keys()][0] as string;
    const arriveAt = room.state.fleets.get(fleetId).arriveAt as number;
    await first.server.shutdown(); // SIGTERM: the town is saved with its fleet outbound
    expect(townSchema.parse(JSON.parse((await prisma.town.findUniqueOrThrow({ where: { id: townId } })).snapshot)).fleets[0]!.status).toBe('outbound');

    const second = await startTestServer({ towns, battles, events, gameSpeed: 1 });
    second.clock.skewMs = arriveAt - Date.now() + 1000; // the server was down past the arrival
    await second.server.scheduler.pollOnce();
    await second.server.scheduler.idle();
    const after = townSchema.parse(JSON.parse((await prisma.town.findUniqueOrThrow({ where: { id: townId } })).snapshot));
    expect(after.fleets[0]).toMatchObject({ id: fleetId, status: 'returning', battleId: `b-${fleetId}` });
    expect(await battles.get(`b-${fleetId}`)).toMatchObject({ status: 'finished' });
    expect(after.fleets[0]!.returnAt).toBeGreaterThan(arriveAt); // times come from the fleet, not from when the server got to it
    await second.server.shutdown();
  });
});
