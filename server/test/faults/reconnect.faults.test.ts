import { matchMaker, type Room as ServerRoom } from '@colyseus/core';
import { CombatClientMessage, GalaxyClientMessage, createBattle, type Player } from '@starscape/shared';
import type { Room } from 'colyseus.js';
import type { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONLINE_COUNTS } from '../../src/presence/OnlinePlayers';
import { sleep } from '../support/roomProbe';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { seat, until, type Seat } from './harness';
import { combatScene, galaxyScene, townScene } from './scenes';

/**
 * Reconnection, for every room type, with real colyseus.js clients against a real server: a dropped socket (an
 * abrupt close, no consented leave) comes back into the same room, seat and state within the grace period; after
 * the grace the seat is released; a page reload (a fresh join while the old seat is held) ends with one seat.
 */

const GRACE_SECONDS = 2;
const GRACE_MS = GRACE_SECONDS * 1000;

/** What the server holds of one room: its connections, and the seats held for a reconnection. */
type LiveRoom = ServerRoom & {
  reservedSeats: Record<string, [unknown, Player | undefined, boolean, boolean]>;
};

const liveRoom = (roomId: string) => matchMaker.getLocalRoomById(roomId) as LiveRoom | undefined;

/** A player's seats in a room: connections, and seats held for them while they may reconnect. */
function seatsOf(room: LiveRoom, userId: string) {
  const connected = room.clients.filter((c) => (c.auth as Player | undefined)?.userId === userId).length;
  const held = Object.values(room.reservedSeats).filter(([, auth, , reconnecting]) => reconnecting && auth?.userId === userId).length;
  return { connected, held };
}

/** The room's client count as matchmaking lists it (held seats included). */
async function listed(roomId: string): Promise<number | undefined> {
  return (await matchMaker.query({ roomId }))[0]?.clients;
}

/** How many connections the player has in all rooms (0: shown offline). */
async function onlineCount(userId: string): Promise<number> {
  return Number((await matchMaker.presence.hget(ONLINE_COUNTS, userId)) ?? 0);
}

/** The network goes away: the socket is destroyed without a close frame (the server sees 1006, not a leave). */
function dropSocket(room: Room): void {
  (room.connection.transport as unknown as { ws: WebSocket }).ws.terminate();
}

/** Drops `s` and waits until the server noticed (the session left the room's connections). Returns when. */
async function dropAndNotice(s: Seat): Promise<number> {
  const live = liveRoom(s.room.roomId)!;
  const sessionId = s.room.sessionId;
  const droppedAt = Date.now();
  dropSocket(s.room);
  await until(() => !live.clients.some((c) => c.sessionId === sessionId), 'the server to notice the drop');
  await until(() => s.closedWith !== null, 'the client to notice the drop');
  expect(s.closedWith, 'an abnormal close, not a consented leave').toBe(1006);
  return droppedAt;
}

async function joinedSeat(room: Room): Promise<Seat> {
  const s = seat(room);
  await s.seen.stateWhere((state) => state !== undefined && Object.keys(state.toJSON()).length > 0);
  return s;
}

/** The reconnected client decodes exactly what a fresh viewer decodes (both at the same patch). */
async function expectSameStateAsFreshViewer(back: Room, fresh: Room): Promise<void> {
  const same = () => JSON.stringify(back.state.toJSON()) === JSON.stringify(fresh.state.toJSON());
  await until(same, 'the reconnected and the fresh state to agree').catch(() => undefined);
  expect(back.state.toJSON()).toEqual(fresh.state.toJSON());
}

async function expectReconnectRefused(t: TestServer, userId: string, token: string): Promise<void> {
  await expect((await t.clientFor(userId)).reconnect(token)).rejects.toThrow();
}

const report = (line: string) => console.info(`[faults] reconnect: ${line}`);

let t: TestServer;
const closers: Array<() => Promise<void>> = [];
beforeAll(async () => {
  // autosave far off: a town saves on dispose, so a save proves the dispose
  t = await startTestServer({ reconnectGraceSeconds: GRACE_SECONDS, autosaveMs: 600_000, combat: { patchMs: 100, lingerMs: 3000 } });
});
afterAll(async () => {
  // a test that failed half-way may leave connections open; a room already left never answers a second leave
  for (const close of closers.splice(0)) await Promise.race([close().catch(() => undefined), sleep(1000)]);
  await t?.server.shutdown();
});

describe(`a town room, with a ${GRACE_SECONDS} s reconnection grace`, () => {
  it('takes a dropped owner back into the same room, seat and state, without a new seat', async () => {
    const scene = await townScene(t, 'back');
    closers.push(() => scene.close());
    const { roomId, sessionId, reconnectionToken } = scene.fuzzed.room;
    const live = liveRoom(roomId)!;
    const before = { clients: live.clients.length, listed: await listed(roomId), owner: seatsOf(live, scene.ownerId), online: await onlineCount(scene.ownerId) };
    expect(before).toEqual({ clients: 2, listed: 2, owner: { connected: 1, held: 0 }, online: 1 });

    const droppedAt = await dropAndNotice(scene.fuzzed);
    expect(seatsOf(live, scene.ownerId)).toEqual({ connected: 0, held: 1 });
    expect(await listed(roomId)).toBe(2); // the held seat still counts
    // meanwhile, a raid begins on the starbase (an outside change, applied to the live room; a visitor is not shown raids)
    const defense = { battleId: 'b-while-away', attackerName: 'Raider', startedAt: t.now() };
    await t.server.towns.update(scene.townId, { kind: 'defense-begins', defense });

    const back = await (await t.clientFor(scene.ownerId)).reconnect(reconnectionToken);
    const reconnectMs = Date.now() - droppedAt;
    expect(reconnectMs).toBeLessThan(GRACE_MS);
    expect([back.roomId, back.sessionId]).toEqual([roomId, sessionId]);
    expect(liveRoom(roomId), 'the same room, not a new one').toBe(live);
    scene.fuzzed = seat(back);
    await scene.fuzzed.seen.stateWhere((s) => s.defenses?.get(defense.battleId)?.attackerName === 'Raider');

    // the owner's own second tab, joined afresh, sees the same state as the connection that came back
    const fresh = await joinedSeat(await t.join(scene.ownerId, scene.townId));
    await expectSameStateAsFreshViewer(back, fresh.room);
    await fresh.room.leave();
    await until(() => live.clients.length === 2, 'the fresh viewer to leave');

    expect({ clients: live.clients.length, listed: await listed(roomId), owner: seatsOf(live, scene.ownerId), online: await onlineCount(scene.ownerId) }).toEqual(before);
    await scene.proveServing(); // the owner's commands work again, the visitor is still served
    expect(scene.fuzzed.errors()).toEqual([]);
    report(`town: back in ${reconnectMs} ms (grace ${GRACE_MS} ms), same room and session, ${live.clients.length} clients`);
    await scene.close();
  });

  it('releases the seat after the grace: the old token is refused, the owner is offline, the room saves and goes', async () => {
    const scene = await townScene(t, 'gone');
    const { roomId, reconnectionToken } = scene.fuzzed.room;
    const live = liveRoom(roomId)!;
    await scene.bystander.room.leave(); // the owner is the last one there
    scene.fuzzed.room.send('upgrade:start', { building: 'metalMine' });
    await scene.fuzzed.seen.stateWhere((s) => s.upgrade?.building === 'metalMine');
    const versionBefore = (await t.towns.load(scene.townId))!.version;

    const droppedAt = await dropAndNotice(scene.fuzzed);
    expect(seatsOf(live, scene.ownerId)).toEqual({ connected: 0, held: 1 });
    await sleep(GRACE_MS / 2);
    expect(liveRoom(roomId), 'kept during the grace').toBe(live);
    expect((await t.towns.load(scene.townId))!.version, 'not saved during the grace').toBe(versionBefore);

    await until(() => seatsOf(live, scene.ownerId).held === 0, 'the held seat to be released', GRACE_MS + 1000);
    const releasedMs = Date.now() - droppedAt;
    expect(releasedMs).toBeGreaterThanOrEqual(GRACE_MS - 50);
    await expectReconnectRefused(t, scene.ownerId, reconnectionToken);
    expect(await onlineCount(scene.ownerId)).toBe(0);
    await until(() => !t.server.towns.isLive(scene.townId), 'the town to close', 3000);
    await t.pendingSaves.drain();
    const stored = (await t.towns.load(scene.townId))!;
    expect(stored.version).toBe(versionBefore + 1);
    expect((stored.snapshot as { upgrade?: { building: string } }).upgrade?.building).toBe('metalMine');
    report(`town: seat released ${releasedMs} ms after the drop, room disposed ${Date.now() - droppedAt} ms after, saved as version ${stored.version}`);
  });

  it('lets a reloaded page (a fresh join with a new token) in while the old seat is held: one seat, no errors', async () => {
    const scene = await townScene(t, 'reload');
    closers.push(() => scene.close());
    const { roomId, sessionId, reconnectionToken } = scene.fuzzed.room;
    const live = liveRoom(roomId)!;
    const droppedAt = await dropAndNotice(scene.fuzzed);

    const reloaded = await joinedSeat(await t.join(scene.ownerId, scene.townId));
    const welcome = await reloaded.seen.next('welcome');
    expect(welcome.role).toBe('owner');
    expect(reloaded.room.roomId).toBe(roomId);
    expect(reloaded.room.sessionId).not.toBe(sessionId);
    expect(liveRoom(roomId)).toBe(live);
    scene.fuzzed = reloaded;
    const seats = seatsOf(live, scene.ownerId);
    expect(seats.connected).toBe(1);
    // the fresh join takes the held seat's place: it is released at once, not when its grace ends
    await until(() => seatsOf(live, scene.ownerId).held === 0, 'the old seat to be released', GRACE_MS / 2);
    const releasedMs = Date.now() - droppedAt;
    await expectReconnectRefused(t, scene.ownerId, reconnectionToken);
    expect(seatsOf(live, scene.ownerId)).toEqual({ connected: 1, held: 0 });
    expect({ clients: live.clients.length, listed: await listed(roomId), online: await onlineCount(scene.ownerId) }).toEqual({ clients: 2, listed: 2, online: 1 });
    await scene.proveServing();
    expect(reloaded.errors()).toEqual([]);
    report(`town: reload joined as owner; old seat released ${releasedMs} ms after the drop (held then: ${seats.held}); 2 clients, online count 1`);
    await scene.close();
  });
});

describe(`a combat room (a live battle), with a ${GRACE_SECONDS} s reconnection grace`, () => {
  it('takes a dropped commander back into the same battle and seat while the battle goes on, orders work again', async () => {
    const scene = await combatScene(t, 'back');
    closers.push(() => scene.close());
    const commanderId = 'commander-back';
    const defender = seat(await t.watch('keeper-back', scene.battleId));
    await defender.seen.stateWhere((s) => s.ships?.size === scene.initial.ships.length);
    closers.push(async () => void (defender.closedWith === null && (await defender.room.leave().catch(() => undefined))));
    const { roomId, sessionId, reconnectionToken } = scene.fuzzed.room;
    expect(roomId).toBe(scene.battleId);
    const live = liveRoom(roomId)!;
    const before = { clients: live.clients.length, listed: await listed(roomId), commander: seatsOf(live, commanderId), online: await onlineCount(commanderId) };
    expect(before).toEqual({ clients: 3, listed: 3, commander: { connected: 1, held: 0 }, online: 1 });

    const droppedAt = await dropAndNotice(scene.fuzzed);
    const stepAtDrop = scene.bystander.room.state.step;
    expect(seatsOf(live, commanderId)).toEqual({ connected: 0, held: 1 });
    // meanwhile the defender gives an order and the battle runs on
    const target = scene.initial.ships.find((s) => s.side === 'attacker')!.id;
    defender.room.send(CombatClientMessage.Order, { kind: 'focus', targetId: target });
    await scene.bystander.seen.stateWhere((s) => s.orders.length === 1 && s.orders[0].side === 'defender');
    await scene.bystander.seen.stateWhere((s) => s.step > stepAtDrop + 3);

    const back = await (await t.clientFor(commanderId)).reconnect(reconnectionToken);
    const reconnectMs = Date.now() - droppedAt;
    expect(reconnectMs).toBeLessThan(GRACE_MS);
    expect([back.roomId, back.sessionId]).toEqual([roomId, sessionId]);
    expect(liveRoom(roomId), 'the same room, not a new one').toBe(live);
    scene.fuzzed = seat(back);
    await scene.fuzzed.seen.stateWhere((s) => s.orders?.length === 1 && s.step > stepAtDrop);

    t.users.add('combat-viewer', 'Fresh Viewer');
    const fresh = await joinedSeat(await t.watch('combat-viewer', scene.battleId));
    await expectSameStateAsFreshViewer(back, fresh.room);
    await fresh.room.leave();
    await until(() => live.clients.length === 3, 'the fresh viewer to leave');

    expect({ clients: live.clients.length, listed: await listed(roomId), commander: seatsOf(live, commanderId), online: await onlineCount(commanderId) }).toEqual(before);
    await scene.proveServing(); // the commander's order is recorded and shown, as the attacker's
    expect(scene.bystander.room.state.orders.at(-1).side).toBe('attacker');
    expect(scene.fuzzed.errors()).toEqual([]);
    report(`combat: back in ${reconnectMs} ms (grace ${GRACE_MS} ms) at step ${back.state.step} (dropped at ${stepAtDrop}), same room and session, ${live.clients.length} clients`);
    await defender.room.leave();
    await scene.close();
  });

  it('releases the seat after the grace: the old token is refused, the commander is offline, the battle runs on', async () => {
    const scene = await combatScene(t, 'gone');
    closers.push(() => scene.close());
    const commanderId = 'commander-gone';
    const { roomId, reconnectionToken } = scene.fuzzed.room;
    const live = liveRoom(roomId)!;
    const droppedAt = await dropAndNotice(scene.fuzzed);
    expect(seatsOf(live, commanderId)).toEqual({ connected: 0, held: 1 });
    expect(await listed(roomId)).toBe(2);
    await until(() => seatsOf(live, commanderId).held === 0, 'the held seat to be released', GRACE_MS + 1000);
    const releasedMs = Date.now() - droppedAt;
    expect(releasedMs).toBeGreaterThanOrEqual(GRACE_MS - 50);
    await expectReconnectRefused(t, commanderId, reconnectionToken);
    await until(async () => (await listed(roomId)) === 1, 'the listing to count one client');
    expect(live.clients.length).toBe(1);
    expect(await onlineCount(commanderId)).toBe(0);
    const step = scene.bystander.room.state.step;
    await scene.bystander.seen.stateWhere((s) => s.step > step); // nobody commands it now; it still runs
    expect(liveRoom(roomId)).toBe(live);
    report(`combat: seat released ${releasedMs} ms after the drop; 1 client left, battle at step ${scene.bystander.room.state.step}`);
    await scene.close();
  });

  it('lets a reloaded page into the battle while the old seat is held: one seat, still the commander', async () => {
    const scene = await combatScene(t, 'reload');
    closers.push(() => scene.close());
    const commanderId = 'commander-reload';
    const { roomId, sessionId, reconnectionToken } = scene.fuzzed.room;
    const live = liveRoom(roomId)!;
    const droppedAt = await dropAndNotice(scene.fuzzed);

    const reloaded = await joinedSeat(await t.watch(commanderId, scene.battleId));
    expect((await reloaded.seen.next('welcome')).role).toBe('attacker');
    expect([reloaded.room.roomId, reloaded.room.sessionId === sessionId]).toEqual([roomId, false]);
    expect(liveRoom(roomId)).toBe(live);
    scene.fuzzed = reloaded;
    const seats = seatsOf(live, commanderId);
    expect(seats.connected).toBe(1);
    await until(() => seatsOf(live, commanderId).held === 0, 'the old seat to be released at once', GRACE_MS / 2);
    const releasedMs = Date.now() - droppedAt;
    await expectReconnectRefused(t, commanderId, reconnectionToken);
    expect(seatsOf(live, commanderId)).toEqual({ connected: 1, held: 0 });
    expect({ clients: live.clients.length, listed: await listed(roomId), online: await onlineCount(commanderId) }).toEqual({ clients: 2, listed: 2, online: 1 });
    await scene.proveServing();
    expect(reloaded.errors()).toEqual([]);
    report(`combat: reload joined as attacker; old seat released ${releasedMs} ms after the drop (held then: ${seats.held}); 2 clients, online count 1`);
    await scene.close();
  });
});

describe(`a galaxy room (a sector), with a ${GRACE_SECONDS} s reconnection grace`, () => {
  it('takes a dropped player back into the same sector room and seat, with the chat said meanwhile', async () => {
    const scene = await galaxyScene(t, 'back');
    closers.push(() => scene.close());
    const { roomId, sessionId, reconnectionToken } = scene.fuzzed.room;
    const live = liveRoom(roomId)!;
    const before = { clients: live.clients.length, listed: await listed(roomId), pilot: seatsOf(live, scene.fuzzedId), online: await onlineCount(scene.fuzzedId) };
    expect(before).toEqual({ clients: 2, listed: 2, pilot: { connected: 1, held: 0 }, online: 1 });
    const townId = [...scene.bystander.room.state.towns.values()].find((town: { ownerId: string }) => town.ownerId === scene.fuzzedId).townId;

    const droppedAt = await dropAndNotice(scene.fuzzed);
    expect(seatsOf(live, scene.fuzzedId)).toEqual({ connected: 0, held: 1 });
    // meanwhile the neighbour chats (and sees the pilot offline: no connection of theirs is left)
    scene.bystander.room.send(GalaxyClientMessage.Chat, { channel: 'sector', text: 'where did you go?' });
    await scene.bystander.seen.stateWhere((s) => s.sectorChat.at(-1)?.text === 'where did you go?');
    await scene.bystander.seen.stateWhere((s) => s.towns.get(townId)?.online === false);

    const back = await (await t.clientFor(scene.fuzzedId)).reconnect(reconnectionToken);
    const reconnectMs = Date.now() - droppedAt;
    expect(reconnectMs).toBeLessThan(GRACE_MS);
    expect([back.roomId, back.sessionId]).toEqual([roomId, sessionId]);
    expect(liveRoom(roomId), 'the same room, not a new one').toBe(live);
    scene.fuzzed = seat(back);
    await scene.fuzzed.seen.stateWhere((s) => s.sectorChat?.at(-1)?.text === 'where did you go?' && s.towns.get(townId)?.online === true);
    await scene.bystander.seen.stateWhere((s) => s.towns.get(townId)?.online === true);

    t.users.add('galaxy-viewer', 'Fresh Viewer');
    const fresh = await joinedSeat(await t.browse('galaxy-viewer', scene.sector));
    await expectSameStateAsFreshViewer(back, fresh.room);
    await fresh.room.leave();
    await until(() => live.clients.length === 2, 'the fresh viewer to leave');

    expect({ clients: live.clients.length, listed: await listed(roomId), pilot: seatsOf(live, scene.fuzzedId), online: await onlineCount(scene.fuzzedId) }).toEqual(before);
    await scene.proveServing(); // both chat, both see it
    expect(scene.fuzzed.errors()).toEqual([]);
    report(`galaxy: back in ${reconnectMs} ms (grace ${GRACE_MS} ms), same room and session, ${live.clients.length} clients`);
    await scene.close();
  });

  it('releases the seat after the grace: the old token is refused, the player shows offline, the empty sector room closes', async () => {
    const scene = await galaxyScene(t, 'gone');
    const { roomId, reconnectionToken } = scene.fuzzed.room;
    const live = liveRoom(roomId)!;
    const townId = [...scene.bystander.room.state.towns.values()].find((town: { ownerId: string }) => town.ownerId === scene.fuzzedId).townId;
    const droppedAt = await dropAndNotice(scene.fuzzed);
    await until(() => seatsOf(live, scene.fuzzedId).held === 0, 'the held seat to be released', GRACE_MS + 1000);
    const releasedMs = Date.now() - droppedAt;
    expect(releasedMs).toBeGreaterThanOrEqual(GRACE_MS - 50);
    await expectReconnectRefused(t, scene.fuzzedId, reconnectionToken);
    await until(async () => (await listed(roomId)) === 1, 'the listing to count one client');
    expect(live.clients.length).toBe(1);
    expect(await onlineCount(scene.fuzzedId)).toBe(0);
    expect(scene.bystander.room.state.towns.get(townId)?.online).toBe(false);
    await scene.bystander.room.leave(); // the last viewer: the sector room closes
    await until(() => liveRoom(roomId) === undefined, 'the sector room to close', 3000);
    report(`galaxy: seat released ${releasedMs} ms after the drop; the sector room closed after its last viewer`);
  });

  it('lets a reloaded page into the sector while the old seat is held: one seat, shown online', async () => {
    const scene = await galaxyScene(t, 'reload');
    closers.push(() => scene.close());
    const { roomId, sessionId, reconnectionToken } = scene.fuzzed.room;
    const live = liveRoom(roomId)!;
    const townId = [...scene.bystander.room.state.towns.values()].find((town: { ownerId: string }) => town.ownerId === scene.fuzzedId).townId;
    const droppedAt = await dropAndNotice(scene.fuzzed);

    const reloaded = await joinedSeat(await t.browse(scene.fuzzedId, scene.sector));
    expect((await reloaded.seen.next('welcome')).you.userId).toBe(scene.fuzzedId);
    expect([reloaded.room.roomId, reloaded.room.sessionId === sessionId]).toEqual([roomId, false]);
    expect(liveRoom(roomId)).toBe(live);
    scene.fuzzed = reloaded;
    const seats = seatsOf(live, scene.fuzzedId);
    expect(seats.connected).toBe(1);
    await until(() => seatsOf(live, scene.fuzzedId).held === 0, 'the old seat to be released at once', GRACE_MS / 2);
    const releasedMs = Date.now() - droppedAt;
    await expectReconnectRefused(t, scene.fuzzedId, reconnectionToken);
    expect(seatsOf(live, scene.fuzzedId)).toEqual({ connected: 1, held: 0 });
    expect({ clients: live.clients.length, listed: await listed(roomId), online: await onlineCount(scene.fuzzedId) }).toEqual({ clients: 2, listed: 2, online: 1 });
    await scene.bystander.seen.stateWhere((s) => s.towns.get(townId)?.online === true);
    await scene.proveServing();
    expect(reloaded.errors()).toEqual([]);
    report(`galaxy: reload joined; old seat released ${releasedMs} ms after the drop (held then: ${seats.held}); 2 clients, online count 1`);
    await scene.close();
  });
});

describe('a battle that has ended', () => {
  // last in the file: jumping to the end of a battle moves the server's clock for every room
  it('gives a dropped connection no grace: its seat goes at once while the room lingers', async () => {
    const attacker = await t.createPlayer('commander-ended');
    const defender = await t.createPlayer('keeper-ended');
    const battleId = 'b-reconnect-ended';
    const initial = createBattle({ seed: 5, attacker: { ships: { fighter: 3 } }, defender: { ships: { scout: 1 }, defenseStrength: 0 } });
    await t.battles.create({ id: battleId, seed: 5, startedAt: new Date(t.now()), attackerTownId: attacker.townId, defenderTownId: defender.townId, kind: 'raid', initial });
    await t.server.battles.open(battleId);
    const commander = await joinedSeat(await t.watch(attacker.userId, battleId));
    await t.jumpIntoBattle(battleId);
    await commander.seen.stateWhere((s) => s.winner !== '');
    const live = liveRoom(battleId)!;
    const token = commander.room.reconnectionToken;
    const droppedAt = await dropAndNotice(commander);
    await until(() => seatsOf(live, attacker.userId).held === 0 && live.clients.length === 0, 'the seat to go', 500);
    const releasedMs = Date.now() - droppedAt;
    await expectReconnectRefused(t, attacker.userId, token);
    expect(await onlineCount(attacker.userId)).toBe(0);
    expect(liveRoom(battleId), 'the ended battle still lingers').toBe(live);
    report(`ended battle: seat released ${releasedMs} ms after the drop (grace 0 instead of ${GRACE_MS} ms), the room still lingering`);
  });
});
