import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { townSchema } from '@starscape/shared';
import { probe, sleep } from '../support/roomProbe';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { until } from '../support/until';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ autosaveMs: 150, reconnectGraceSeconds: 2 });
});
afterAll(() => t.server.shutdown());

describe('a live town room over time', () => {
  it('autosaves a few moments after a change while players stay connected, and not while idle', async () => {
    const { townId } = await t.createPlayer('saver');
    const room = await t.join('saver', townId);
    const seen = probe(room);
    room.send('upgrade:start', { building: 'metalMine' });
    await seen.stateWhere((s) => s.upgrade !== undefined);
    await until(async () => (await t.towns.load(townId))!.version === 2, 'the autosave');
    expect(townSchema.parse((await t.towns.load(townId))!.snapshot).upgrade?.building).toBe('metalMine');
    await sleep(400);
    expect((await t.towns.load(townId))!.version).toBe(2); // nothing changed, nothing written
    await room.leave();
  });

  it('takes a dropped client back into the same room and state within the grace period', async () => {
    const { townId } = await t.createPlayer('flaky');
    const client = await t.clientFor('flaky');
    const room = await client.joinOrCreate('town', { townId });
    const seen = probe(room);
    room.send('upgrade:start', { building: 'crystalMine' });
    await seen.stateWhere((s) => s.upgrade !== undefined);
    const { roomId, sessionId, reconnectionToken } = room;

    (room as any).connection.transport.ws.close(3000, 'network dropped'); // not a consented leave
    await sleep(200);
    const back = await client.reconnect(reconnectionToken);
    expect(back.roomId).toBe(roomId);
    expect(back.sessionId).toBe(sessionId);
    const seenBack = probe(back);
    await seenBack.stateWhere((s) => s.upgrade?.building === 'crystalMine');
    back.send('upgrade:cancel');
    await seenBack.stateWhere((s) => s.upgrade === undefined);
    await back.leave();
  });

  it('releases the seat after the grace period, and the room goes away and saves', async () => {
    const { townId } = await t.createPlayer('gone');
    const client = await t.clientFor('gone');
    const room = await client.joinOrCreate('town', { townId });
    const seen = probe(room);
    room.send('upgrade:start', { building: 'solarPlant' });
    await seen.stateWhere((s) => s.upgrade !== undefined);
    const token = room.reconnectionToken;
    (room as any).connection.transport.ws.close(3000, 'network dropped');
    await sleep(2600);
    await expect(client.reconnect(token)).rejects.toThrow();
    await t.pendingSaves.drain();
    expect(townSchema.parse((await t.towns.load(townId))!.snapshot).upgrade?.building).toBe('solarPlant');
  });

  it('stops serving, without overwriting, a town that someone else saved underneath it', async () => {
    const { townId } = await t.createPlayer('racer');
    const room = await t.join('racer', townId);
    const seen = probe(room);
    const stored = (await t.towns.load(townId))!;
    await t.towns.save(townId, stored.snapshot, stored.version); // another writer: version 2
    const left = new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
    room.send('upgrade:start', { building: 'metalMine' });
    await seen.stateWhere((s) => s.upgrade !== undefined);
    expect(await left).toBe(4409);
    await t.pendingSaves.drain();
    const after = (await t.towns.load(townId))!;
    expect(after.version).toBe(2);
    expect(townSchema.parse(after.snapshot).upgrade).toBeNull();
  });
});
