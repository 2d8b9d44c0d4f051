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

  it('pings only connections that were silent for a whole interval', async () => {
    const quiet = await t.createPlayer('quiet');
    const busy = await t.createPlayer('busy');
    const [quietRoom, busyRoom] = [await t.join('quiet', quiet.townId), await t.join('busy', busy.townId)];
    const pings = { quiet: 0, busy: 0 };
    let counting = false;
    rawSocket(quietRoom).on('ping', () => counting && (pings.quiet += 1));
    rawSocket(busyRoom).on('ping', () => counting && (pings.busy += 1));
    // a player who keeps playing: a message every 50 ms (within the message limits). Pings are counted from two
    // intervals in: the join itself can leave a socket silent for a whole 150-ms interval (the town loads first)
    const started = Date.now();
    while (Date.now() - started < 1300) {
      if (Date.now() - started >= 300) counting = true;
      busyRoom.send('clock', { clientTime: Date.now() });
      await sleep(50);
    }
    expect(pings.quiet).toBeGreaterThanOrEqual(4); // every 150 ms: about 6 in a second
    expect(pings.busy).toBe(0);
    expect(t.server.towns.isLive(quiet.townId)).toBe(true); // it answers its pings: kept
    await Promise.all([quietRoom.leave(), busyRoom.leave()]);
  });
});
