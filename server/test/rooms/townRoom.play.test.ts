import { matchMaker } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advance, amountAt, newTown, stocksAt, townSchema } from '@starscape/shared';
import { townOf } from '../support/townOf';
import { probe, sleep } from '../support/roomProbe';
import { ordersSeen } from '../support/ordersSeen';
import { startTestServer, type TestServer } from '../support/startTestServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ gameSpeed: 1 });
});
afterAll(() => t.server.shutdown());

describe('playing a town', () => {
  it('starts an upgrade: the owner sees the patch with the cost paid and the job queued', async () => {
    const { townId } = await t.createPlayer('builder');
    const room = await t.join('builder', townId);
    const seen = probe(room);
    await seen.stateChange(); // the full state on join
    const before = townOf(room.state);

    room.send('upgrade:start', { building: 'metalMine' });
    await seen.stateWhere((s) => s.upgrade !== undefined);
    const after = townOf(room.state);
    expect(after.upgrade).toMatchObject({ building: 'metalMine', toLevel: 1, cost: { metal: 60, crystal: 15, fuel: 0 } });
    const at = after.upgrade!.startedAt;
    expect(stocksAt(after, at).metal).toBe(amountAt(before, 'metal', at) - 60);
    await room.leave();
  });

  it('sends no patch at all while a town is idle', async () => {
    const { townId } = await t.createPlayer('idler');
    const room = await t.join('idler', townId);
    const seen = probe(room);
    await seen.stateChange();
    const afterJoin = seen.stateChanges;
    let bytes = 0;
    (room as any).connection.transport.ws.addEventListener('message', (event: MessageEvent) => {
      bytes += (event.data as ArrayBuffer).byteLength;
    });
    await sleep(600);
    expect(seen.stateChanges).toBe(afterJoin);
    expect(bytes).toBe(0);
    room.send('clock', { clientTime: 1 }); // the byte counter does see traffic
    await seen.next('clock');
    expect(bytes).toBeGreaterThan(0);
    await room.leave();
  });

  it('answers an illegal move with a typed error and changes nothing', async () => {
    const { townId } = await t.createPlayer('pauper');
    const room = await t.join('pauper', townId);
    const seen = probe(room);
    await seen.stateChange();
    const before = JSON.stringify(room.state.toJSON());

    room.send('upgrade:start', { building: 'storage' });
    expect(await seen.next('error')).toEqual({ code: 'upgrade/not-enough-metal', message: 'Not enough metal.', request: 'upgrade:start' });
    room.send('upgrade:cancel');
    expect((await seen.next('error')).code).toBe('upgrade/none');
    room.send('upgrade:start', { building: 'solarPlant' });
    await seen.stateWhere((s) => s.upgrade !== undefined);
    const during = JSON.stringify(room.state.toJSON());
    room.send('upgrade:start', { building: 'metalMine' });
    expect((await seen.next('error')).code).toBe('upgrade/busy');
    await sleep(100);
    expect(JSON.stringify(room.state.toJSON())).toBe(during);
    expect(before).not.toBe(during);
    await room.leave();
  });

  it('answers malformed and unknown messages with an error, changes nothing and keeps serving', async () => {
    const { townId } = await t.createPlayer('fuzzer');
    const room = await t.join('fuzzer', townId);
    const seen = probe(room);
    await seen.stateChange();
    const before = JSON.stringify(room.state.toJSON());
    const bad: unknown[] = [undefined, null, 7, 'metalMine', [], {}, { building: 'deathStar' }, { building: 'metalMine', extra: true }, { building: { $gt: '' } }];
    for (const payload of bad) {
      room.send('upgrade:start', payload);
      expect(await seen.next('error')).toMatchObject({ code: 'message/invalid', request: 'upgrade:start' });
    }
    room.send('clock', { clientTime: 'soon' });
    expect((await seen.next('error')).code).toBe('message/invalid');
    room.send('launch-nukes', { now: true });
    expect(await seen.next('error')).toMatchObject({ code: 'message/unknown-type', request: 'launch-nukes' });
    room.send(42, {});
    expect((await seen.next('error')).code).toBe('message/unknown-type');
    expect(JSON.stringify(room.state.toJSON())).toBe(before);

    room.send('upgrade:start', { building: 'metalMine' });
    await seen.stateWhere((s) => s.upgrade?.building === 'metalMine');
    await room.leave();
  });

  it('tells the server time on request', async () => {
    const { townId } = await t.createPlayer('timer');
    const room = await t.join('timer', townId);
    const seen = probe(room);
    room.send('clock', { clientTime: 12345 });
    const answer = await seen.next('clock');
    expect(answer.clientTime).toBe(12345);
    expect(Math.abs(answer.serverTime - t.now())).toBeLessThan(5000);
    await room.leave();
  });

  it('lets any signed-in player visit read-only', async () => {
    const { townId } = await t.createPlayer('host');
    await t.createPlayer('guest');
    const owner = await t.join('host', townId);
    const visitor = await t.join('guest', townId);
    expect(visitor.roomId).toBe(owner.roomId);
    const seen = probe(visitor);
    const welcome = await seen.next('welcome');
    expect(welcome.role).toBe('visitor');
    await seen.stateWhere((s) => s.ownerName === 'Pilot host');
    const before = JSON.stringify(visitor.state.toJSON());
    for (const [type, payload] of [['upgrade:start', { building: 'metalMine' }], ['upgrade:cancel', undefined]] as const) {
      visitor.send(type, payload);
      expect(await seen.next('error')).toMatchObject({ code: 'auth/not-owner', request: type });
    }
    await sleep(50);
    expect(JSON.stringify(visitor.state.toJSON())).toBe(before);
    await visitor.leave();
    await owner.leave();
  });

  it('opens the town once when the owner joins three times at the same moment: every client sees the one live town', async () => {
    const { townId } = await t.createPlayer('twin');
    const rooms = await Promise.all([t.join('twin', townId), t.join('twin', townId), t.join('twin', townId)]);
    expect(new Set(rooms.map((r) => r.roomId)).size).toBe(1);
    expect(await matchMaker.query({ name: 'town', roomId: rooms[0]!.roomId })).toHaveLength(1);
    expect(t.server.towns.isLive(townId)).toBe(true);
    rooms[2]!.send('upgrade:start', { building: 'metalMine' });
    await Promise.all(rooms.map((room) => probe(room).stateWhere((s) => s.upgrade?.building === 'metalMine')));
    await Promise.all(rooms.map((r) => r.leave()));
  });

  it('saves on dispose and restores with exactly the offline progress the rules give', async () => {
    const { townId } = await t.createPlayer('traveller');
    const room = await t.join('traveller', townId);
    const seen = probe(room);
    room.send('upgrade:start', { building: 'metalMine' });
    await seen.stateWhere((s) => s.upgrade !== undefined);
    await room.leave();
    await t.pendingSaves.drain();
    await sleep(50);
    await t.pendingSaves.drain();

    const saved = await t.towns.load(townId);
    expect(saved!.version).toBe(2);
    const savedTown = townSchema.parse(saved!.snapshot);
    expect(savedTown.upgrade?.building).toBe('metalMine');

    t.clock.skewMs += 3 * 3_600_000; // three hours away
    const back = await t.join('traveller', townId);
    const seenBack = probe(back);
    await seenBack.stateChange();
    const restored = townOf(back.state);
    const expected = advance(savedTown, t.now());
    expect(restored.buildings.metalMine).toBe(1);
    expect(restored.upgrade).toBeNull();
    expect(restored).toEqual(expected);
    const at = t.now();
    expect(stocksAt(restored, at)).toEqual(stocksAt(expected, at));
    expect(stocksAt(restored, at).metal).toBeGreaterThan(stocksAt(savedTown, savedTown.since).metal);
    await back.leave();
    t.clock.skewMs = 0;
  });

  it('orders ships at the shipyard and cancels the order for a refund', async () => {
    const base = newTown(t.now(), 1);
    const withYard = {
      ...base,
      buildings: { ...base.buildings, shipyard: 1 },
      stocks: { ...base.stocks, metal: { ...base.stocks.metal, amount: 9000 }, crystal: { ...base.stocks.crystal, amount: 9000 } },
    };
    const { townId } = await t.createPlayer('admiral', withYard);
    const room = await t.join('admiral', townId);
    const seen = probe(room);
    room.send('shipyard:order', { ship: 'fighter', count: 2 });
    await seen.stateWhere((s) => ordersSeen(s).length === 1);
    expect(ordersSeen(room.state)[0]!.toJSON()).toMatchObject({ ship: 'fighter', remaining: 2 });
    expect(room.state.metalAmount).toBeLessThan(3001);
    room.send('shipyard:order', { ship: 'cruiser', count: 1 });
    expect((await seen.next('error')).code).toBe('shipyard/not-enough-metal');
    room.send('shipyard:order', { ship: 'fighter', count: 0 });
    expect((await seen.next('error')).code).toBe('message/invalid');
    room.send('shipyard:cancel', { orderId: 99 });
    expect((await seen.next('error')).code).toBe('shipyard/no-such-order');
    room.send('shipyard:cancel', { orderId: ordersSeen(room.state)[0]!.id });
    await seen.stateWhere((s) => ordersSeen(s).length === 0);
    expect(room.state.metalAmount).toBeGreaterThan(8999);

    // the server reuses the entry that left for the next order: the client sees each new order whole (a scout
    // costs no metal, the fighter before it did)
    room.send('shipyard:order', { ship: 'scout', count: 3 });
    await seen.stateWhere((s) => ordersSeen(s).length === 1 && ordersSeen(s)[0]?.ship === 'scout');
    expect(ordersSeen(room.state)[0]!.toJSON()).toMatchObject({ ship: 'scout', remaining: 3, unitMetal: 0 });
    room.send('shipyard:order', { ship: 'fighter', count: 1 });
    await seen.stateWhere((s) => ordersSeen(s).length === 2);
    room.send('shipyard:cancel', { orderId: ordersSeen(room.state)[0]!.id });
    await seen.stateWhere((s) => ordersSeen(s).length === 1);
    room.send('shipyard:order', { ship: 'hauler', count: 2 });
    await seen.stateWhere((s) => ordersSeen(s).length === 2);
    expect(ordersSeen(room.state).map((o: { toJSON(): object }) => o.toJSON())).toMatchObject([
      { ship: 'fighter', remaining: 1 },
      { ship: 'hauler', remaining: 2 },
    ]);
    await room.leave();
  });
});
