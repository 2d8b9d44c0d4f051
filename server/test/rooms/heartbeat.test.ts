import type { Room } from 'colyseus.js';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../support/roomProbe';
import { startTestServer, type TestServer } from '../support/startTestServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ heartbeat: { intervalMs: 150, missesBeforeClose: 2 } });
});
afterAll(() => t.server.shutdown());

/** The client's raw socket (Node's `ws`): pausing it stops reading, so pings go unanswered, as with a vanished peer. */
const rawSocket = (room: Room) => (room.connection.transport as unknown as { ws: WebSocket & { _socket: { pause(): void } } }).ws;

describe('the heartbeat', () => {
  it('closes a connection that stops answering pings, and keeps one that answers', async () => {
    const gone = await t.createPlayer('vanished');
    const here = await t.createPlayer('present');
    const silent = await t.join('vanished', gone.townId);
    const alive = await t.join('present', here.townId);
    let aliveLeft = false;
    alive.onLeave(() => (aliveLeft = true));
    expect(t.server.towns.isLive(gone.townId)).toBe(true);

    rawSocket(silent)._socket.pause(); // the peer vanished without closing (a phone in a tunnel)
    const deadline = Date.now() + 3000;
    while (t.server.towns.isLive(gone.townId) && Date.now() < deadline) await sleep(50);
    expect(t.server.towns.isLive(gone.townId)).toBe(false); // terminated after 2 unanswered pings; the room closed
    expect(aliveLeft).toBe(false);
    expect(t.server.towns.isLive(here.townId)).toBe(true);
    await alive.leave();
  });
});
