import { once } from 'node:events';
import { matchMaker } from '@colyseus/core';
import type { Room } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newTown, townSchema, type Town } from '@starscape/shared';
import { townClaimKey } from '../../src/towns/TownAccess';
import { probe, sleep } from '../support/roomProbe';
import { ordersSeen } from '../support/ordersSeen';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { until } from '../support/until';

/** Counts the frames a client's socket receives from now on. */
function frameCounter(room: Room): { readonly frames: number } {
  const counter = { frames: 0 };
  (room as any).connection.transport.ws.addEventListener('message', () => counter.frames++);
  return counter;
}

/** A starbase with a shipyard and full stores: it can order ships at once. */
function withYard(now: number): Town {
  const base = newTown(now, 1);
  const full = (r: 'metal' | 'crystal' | 'fuel') => ({ ...base.stocks[r], amount: base.stocks[r].cap });
  return { ...base, buildings: { ...base.buildings, shipyard: 1 }, stocks: { metal: full('metal'), crystal: full('crystal'), fuel: full('fuel') } };
}

const MONITOR = { username: 'ops', password: 'town host monitor' };
type MonitorList = { columns: unknown[]; rooms: Array<{ roomId: string; name: string; clients: number; metadata?: { towns?: number } }> };

/** A page of the Colyseus monitor's API, as its web page asks for it. */
async function monitor<T>(t: TestServer, route: string): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${t.port}/colyseus/api${route}`, {
    headers: { authorization: `Basic ${Buffer.from(`${MONITOR.username}:${MONITOR.password}`).toString('base64')}` },
  });
  expect(response.status, `monitor ${route}`).toBe(200);
  return (await response.json()) as T;
}

const storedShipyard = async (t: TestServer, townId: string) => townSchema.parse((await t.towns.load(townId))!.snapshot).shipyard.map((o) => o.ship);

describe('towns sharing one host room', () => {
  let t: TestServer;
  beforeAll(async () => {
    // one host for every town, a long autosave: only a town's close can have saved what it did
    t = await startTestServer({ townHosts: 1, autosaveMs: 60_000, reconnectGraceSeconds: 1, monitor: MONITOR });
  });
  afterAll(() => t.server.shutdown());

  it('gives each client its own town, and only its own town patches', async () => {
    const [nova, orion] = await Promise.all([t.createPlayer('nova', withYard(t.now())), t.createPlayer('orion')]);
    const novaRoom = await t.join('nova', nova.townId);
    const orionRoom = await t.join('orion', orion.townId);
    expect(orionRoom.roomId).toBe(novaRoom.roomId);
    const [seenNova, seenOrion] = [probe(novaRoom), probe(orionRoom)];
    await seenNova.stateWhere((s) => s.townId === nova.townId);
    await seenOrion.stateWhere((s) => s.townId === orion.townId);
    const orionFrames = frameCounter(orionRoom);

    for (let i = 1; i <= 3; i++) {
      novaRoom.send('shipyard:order', { ship: 'scout', count: 1 });
      await seenNova.stateWhere((s) => ordersSeen(s).length === i);
    }
    await sleep(100);
    expect(orionFrames.frames).toBe(0); // not a byte of another town's changes
    expect(ordersSeen(orionRoom.state).length).toBe(0);

    orionRoom.send('upgrade:start', { building: 'metalMine' });
    await seenOrion.stateWhere((s) => s.upgrade?.building === 'metalMine');
    expect(novaRoom.state.upgrade).toBeUndefined();
    expect(novaRoom.state.townId).toBe(nova.townId);
    await Promise.all([novaRoom.leave(), orionRoom.leave()]);
  });

  it('closes a town once its last client left (saved, its claim given back) while the host plays on', async () => {
    const [vega, lyra] = await Promise.all([t.createPlayer('vega', withYard(t.now())), t.createPlayer('lyra')]);
    const vegaRoom = await t.join('vega', vega.townId);
    const lyraRoom = await t.join('lyra', lyra.townId);
    const seenVega = probe(vegaRoom);
    vegaRoom.send('shipyard:order', { ship: 'fighter', count: 2 });
    await seenVega.stateWhere((s) => ordersSeen(s).length === 1);
    expect(await storedShipyard(t, vega.townId)).toEqual([]); // not saved yet: the autosave is a minute away

    await vegaRoom.leave();
    await until(() => !t.server.towns.isLive(vega.townId), 'the town to close');
    await until(async () => (await t.server.cluster.claims.holder(townClaimKey(vega.townId))) === null, 'its claim to be given back');
    expect(await storedShipyard(t, vega.townId)).toEqual(['fighter']);
    expect(t.pendingSaves.holds(vega.townId)).toBe(false); // kept between its saves while live, forgotten once closed

    // the host lives on for the other town, which still plays
    expect(await matchMaker.query({ roomId: lyraRoom.roomId })).toHaveLength(1);
    const seenLyra = probe(lyraRoom);
    lyraRoom.send('upgrade:start', { building: 'crystalMine' });
    await seenLyra.stateWhere((s) => s.upgrade?.building === 'crystalMine');

    // and the town opens again from its save
    const back = await t.join('vega', vega.townId);
    expect(back.roomId).toBe(lyraRoom.roomId);
    await probe(back).stateWhere((s) => ordersSeen(s).length === 1 && ordersSeen(s)[0]?.ship === 'fighter');
    await Promise.all([back.leave(), lyraRoom.leave()]);
  });

  it('loses nothing when a player comes straight back while their town is closing', async () => {
    const { townId } = await t.createPlayer('comet', withYard(t.now()));
    const keeper = await t.createPlayer('keeper'); // keeps the host open
    const keeperRoom = await t.join('keeper', keeper.townId);
    for (let round = 1; round <= 5; round++) {
      const room = await t.join('comet', townId);
      const seen = probe(room);
      await seen.stateWhere((s) => ordersSeen(s).length === round - 1);
      room.send('shipyard:order', { ship: 'scout', count: 1 });
      await seen.stateWhere((s) => ordersSeen(s).length === round);
      await room.leave(); // the close begins at once; the next join waits for its save and claim
    }
    const last = await t.join('comet', townId);
    await probe(last).stateWhere((s) => ordersSeen(s).length === 5);
    await Promise.all([last.leave(), keeperRoom.leave()]);
    await until(() => !t.server.towns.isLive(townId), 'the town to close');
    expect(await storedShipyard(t, townId)).toEqual(['scout', 'scout', 'scout', 'scout', 'scout']);
  });

  it('keeps a dropped owner\'s seat through the grace even when they visit another town of the host meanwhile', async () => {
    const [home, away] = await Promise.all([t.createPlayer('rover'), t.createPlayer('host2')]);
    const awayRoom = await t.join('host2', away.townId);
    const client = await t.clientFor('rover');
    const homeRoom = await client.joinOrCreate('town', { townId: home.townId });
    await probe(homeRoom).stateWhere((s) => s.townId === home.townId);
    const { reconnectionToken, sessionId } = homeRoom;
    (homeRoom as any).connection.transport.ws.close(3000, 'network dropped');
    await sleep(100);
    const visit = await t.join('rover', away.townId); // the same player, another town of the same host
    await probe(visit).stateWhere((s) => s.townId === away.townId);
    const back = await client.reconnect(reconnectionToken);
    expect(back.sessionId).toBe(sessionId);
    const seenBack = probe(back);
    back.send('upgrade:start', { building: 'metalMine' });
    await seenBack.stateWhere((s) => s.upgrade?.building === 'metalMine' && s.townId === home.townId);
    await Promise.all([back.leave(), visit.leave(), awayRoom.leave()]);
  });

  it('shows the developers each live town of a host in the monitor, and how many towns each host holds', async () => {
    const [a, b] = await Promise.all([t.createPlayer('shown1'), t.createPlayer('shown2')]);
    const [roomA, roomB] = [await t.join('shown1', a.townId), await t.join('shown2', b.townId)];
    const { state } = await monitor<{ state: { towns: Record<string, { clients: number; state: { townId: string } }> } }>(t, `/room?roomId=${roomA.roomId}`);
    expect(Object.keys(state.towns).sort()).toEqual([a.townId, b.townId].sort());
    expect(state.towns[a.townId]).toMatchObject({ clients: 1, state: { townId: a.townId, ownerId: 'shown1' } });

    const hostRow = async () => (await monitor<MonitorList>(t, '')).rooms.find((room) => room.roomId === roomA.roomId);
    const list = await monitor<MonitorList>(t, '');
    expect(list.columns).toContainEqual({ metadata: 'towns' });
    expect(list.columns).not.toContain('processId'); // one process: where a room lives says nothing
    expect(await hostRow()).toMatchObject({ name: 'town', clients: 2, metadata: { towns: 2 } });
    await roomB.leave();
    await until(() => !t.server.towns.isLive(b.townId), 'the town to close');
    expect(await hostRow()).toMatchObject({ clients: 1, metadata: { towns: 1 } });
    await roomA.leave();
  });

  it('closes the host once every town in it closed', async () => {
    const { townId } = await t.createPlayer('last');
    const room = await t.join('last', townId);
    const hostId = room.roomId;
    await room.leave();
    await until(async () => (await matchMaker.query({ roomId: hostId })).length === 0, 'the host to close');
    expect(t.server.towns.isLive(townId)).toBe(false);
  });

  it('closes a town whose only joiner dropped while it was opening, and opens it again for the next', async () => {
    const { townId } = await t.createPlayer('hasty');
    // the town's load waits at a gate, so the joiner can drop while it is opening (a tab closed during the load)
    const load = t.towns.load.bind(t.towns);
    let loading!: () => void;
    let openGate!: () => void;
    const loadStarted = new Promise<void>((resolve) => (loading = resolve));
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    t.towns.load = async (id) => {
      if (id === townId) {
        loading();
        await gate;
      }
      return load(id);
    };
    try {
      const response = await fetch(`http://127.0.0.1:${t.port}/matchmake/joinOrCreate/town`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await t.tokens.sign('hasty')}` },
        body: JSON.stringify({ townId }),
      });
      const seat = (await response.json()) as { room: { processId: string; roomId: string }; sessionId: string };
      const socket = new WebSocket(`${t.endpoint}/${seat.room.processId}/${seat.room.roomId}?sessionId=${seat.sessionId}`);
      await loadStarted; // the host is opening the town for this join
      if (socket.readyState === WebSocket.CONNECTING) await once(socket, 'open'); // the upgrade's answer may still be on its way
      socket.close();
      await once(socket, 'close');
      openGate();
      await until(() => !t.server.towns.isLive(townId), 'the town to close', 5000);
      await until(async () => (await t.server.cluster.claims.holder(townClaimKey(townId))) === null, 'its claim to be given back');
    } finally {
      openGate();
      t.towns.load = load;
    }
    const room = await t.join('hasty', townId);
    await probe(room).stateWhere((s) => s.townId === townId);
    await room.leave();
  });
});

describe('a host per town (TOWN_HOSTS=0)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ townHosts: 0 });
  });
  afterAll(() => t.server.shutdown());

  it('opens a room of its own for each town', async () => {
    const [a, b] = await Promise.all([t.createPlayer('solo1', withYard(t.now())), t.createPlayer('solo2')]);
    const [roomA, roomB] = [await t.join('solo1', a.townId), await t.join('solo2', b.townId)];
    expect(roomA.roomId).not.toBe(roomB.roomId);
    const seen = probe(roomA);
    roomA.send('shipyard:order', { ship: 'scout', count: 1 });
    await seen.stateWhere((s) => ordersSeen(s).length === 1);
    expect(ordersSeen(roomB.state).length).toBe(0);
    await Promise.all([roomA.leave(), roomB.leave()]);
  });
});
