import { Protocol } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGE_LIMITS } from '../../src/rooms/incomingGuard';
import { probe, sleep } from '../support/roomProbe';
import { startTestServer, type TestServer } from '../support/startTestServer';

/** The production message limits (the test server keeps them unless told otherwise). */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.server.shutdown());

/** `promise`, or an error naming `what` after `ms` (a clear failure rather than the test's timeout). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`${what} took over ${ms} ms`)))]);
}

describe('the message guard', () => {
  it('lets a player whose messages are being dropped still leave, at once and consented', async () => {
    const player = await t.createPlayer('over-eager');
    const room = await t.join('over-eager', player.townId);
    const seen = probe(room);
    for (let i = 0; i < DEFAULT_MESSAGE_LIMITS.burst * 2; i++) room.send('clock', { clientTime: i });
    expect((await seen.next('error')).code).toBe('message/rate-limited'); // the allowance is spent
    const code = await within(room.leave(), 2000, 'leaving');
    expect(code).toBe(Protocol.WS_CLOSE_CONSENTED); // consented: the server read the leave request, it did not drop it
    expect(t.server.towns.isLive(player.townId)).toBe(false); // a consented leave holds no seat: the town closed
  });

  it('still drops the room messages beyond the allowance', async () => {
    const player = await t.createPlayer('clicker');
    const room = await t.join('clicker', player.townId);
    const seen = probe(room);
    const sent = DEFAULT_MESSAGE_LIMITS.burst * 3;
    for (let i = 0; i < sent; i++) room.send('clock', { clientTime: i });
    await seen.next('error');
    await sleep(300);
    const answered = seen.messages.filter((m) => m.type === 'clock').length;
    expect(answered).toBeGreaterThanOrEqual(DEFAULT_MESSAGE_LIMITS.burst);
    expect(answered).toBeLessThan(sent); // the burst and a few refills, not all of them
    await room.leave();
  });
});
