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
    // the server was down past the arrival and past the longest the battle could have lasted: the battle is
    // recorded from the arrival time and its room finishes it at once from the record
    second.clock.skewMs = arriveAt - Date.now() + 400_000;
    await second.server.scheduler.pollOnce();
    await second.server.scheduler.idle();
    const storedTown = async () => townSchema.parse(JSON.parse((await prisma.town.findUniqueOrThrow({ where: { id: townId } })).snapshot));
    for (let i = 0; i < 100 && (await storedTown()).fleets[0]?.status !== 'returning'; i++) await new Promise((r) => setTimeout(r, 50));
    const after = await storedTown();
    expect(after.fleets[0]).toMatchObject({ id: fleetId, status: 'returning', battleId: `b-${fleetId}` });
    expect(await battles.get(`b-${fleetId}`)).toMatchObject({ status: 'finished' });
    expect(after.fleets[0]!.returnAt).toBeGreaterThan(arriveAt); // times come from the fleet, not from when the server got to it
    await second.server.shutdown();
  });
});

describe('a battle in the SQLite database across a server restart', () => {
  it('stops with the server mid-fight, resumes from its record in the next one, and its results apply once', async () => {
    const { missionBoard, newTown: fresh, resolveBattle, battleStateSchema, combatOrderSchema, outcome } = await import('@starscape/shared');
    const { PrismaBattleRepository, PrismaEventQueue } = await import('../../src/persistence');
    const { matchMaker } = await import('@colyseus/core');
    const { z } = await import('zod');
    const towns = new PrismaTownRepository(prisma);
    const battles = new PrismaBattleRepository(prisma);
    const events = new PrismaEventQueue(prisma);
    await prisma.user.create({ data: { id: 'admiral', displayName: 'Admiral' } });
    const storedTown = async (townId: string) => townSchema.parse(JSON.parse((await prisma.town.findUniqueOrThrow({ where: { id: townId } })).snapshot));

    const first = await startTestServer({ towns, battles, events, gameSpeed: 2000, autosaveMs: 100 });
    const base = fresh(first.now(), 2000);
    const armed = { ...base, ships: { ...base.ships, fighter: 30, frigate: 8 }, stocks: { ...base.stocks, fuel: { ...base.stocks.fuel, amount: 20_000 } } };
    const { townId } = await first.createPlayer('admiral', armed);
    const room = await first.join('admiral', townId);
    const seen = probe(room);
    const patrol = missionBoard(townId, first.now(), 2000).missions[0]!;
    room.send('fleet:dispatch', { missionId: patrol.id, ships: { fighter: 30, frigate: 8 } });
    await seen.stateWhere((s) => s.fleets?.size === 1);
    const fleetId = [...room.state.fleets.keys()][0] as string;
    await seen.stateWhere((s) => s.fleets?.get(fleetId)?.status === 'fighting', 8000);
    const battleId = `b-${fleetId}`;

    // the commander gives an order; it is in the record before it applies
    const command = await first.watch('admiral', battleId);
    const seenCommand = probe(command);
    await seenCommand.stateWhere((s) => s.ships?.size > 0);
    const pirate = [...command.state.ships.values()].find((s: any) => s.side === 'defender' && s.status === 'active') as any;
    command.send('combat:order', { kind: 'focus', targetId: pirate.id });
    await seenCommand.stateWhere((s) => s.orders.length === 1);
    const stepBefore = command.state.step as number;
    await first.server.shutdown(); // mid-fight: the room goes away, the battle stays running in its record

    expect(await battles.get(battleId)).toMatchObject({ status: 'running', resultsAppliedAt: null });
    expect((await storedTown(townId)).fleets[0]).toMatchObject({ status: 'fighting', battleId });

    const second = await startTestServer({ towns, battles, events, gameSpeed: 2000, autosaveMs: 100 });
    second.clock.skewMs = first.clock.skewMs;
    second.users.add('admiral', 'Admiral');
    expect(await matchMaker.getRoomById(battleId)).toBeTruthy(); // resumed on start
    const watcher = await second.watch('admiral', battleId);
    const seenWatcher = probe(watcher);
    await seenWatcher.stateWhere((s) => s.ships?.size > 0);
    expect(watcher.state.step).toBeGreaterThanOrEqual(stepBefore);
    expect(watcher.state.orders.length).toBe(1); // the order survived the restart
    await watcher.leave();

    await second.jumpIntoBattle(battleId);
    for (let i = 0; i < 100 && !(await battles.get(battleId))?.resultsAppliedAt; i++) await new Promise((r) => setTimeout(r, 50));
    const record = (await battles.get(battleId))!;
    expect(record.status).toBe('finished');
    const orders = z.array(combatOrderSchema).parse(record.orders);
    expect(orders).toHaveLength(1);
    expect(record.outcome).toMatchObject(outcome(resolveBattle(battleStateSchema.parse(record.initial), orders)));
    const landed = await storedTown(townId);
    expect(landed.fleets[0]).toMatchObject({ status: 'returning' });

    // the fallback settlement and a repeated one change nothing
    const version = (await prisma.town.findUniqueOrThrow({ where: { id: townId } })).version;
    await second.server.settlement.settle(battleId);
    second.clock.skewMs += 400_000;
    await second.server.scheduler.pollOnce();
    await second.server.scheduler.idle();
    expect((await prisma.town.findUniqueOrThrow({ where: { id: townId } })).version).toBe(version);
    await second.server.shutdown();
  });
});
