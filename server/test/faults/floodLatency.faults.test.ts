import type { Room } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_FLOODING, DEFAULT_MESSAGE_LIMITS } from '../../src/rooms/incomingGuard';
import { probe, sleep } from '../support/roomProbe';
import { startTestServer, type TestServer } from '../support/startTestServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.server.shutdown());

/** Round trips of the clock message, one every `everyMs` (within a player's allowance), for `forMs`: what a player feels as latency. */
async function clockLatencies(room: Room, forMs: number, everyMs = 150): Promise<number[]> {
  const latencies: number[] = [];
  const pending = new Map<number, number>();
  room.onMessage('clock', ({ clientTime }: { clientTime: number }) => {
    const sentAt = pending.get(clientTime);
    if (sentAt !== undefined) latencies.push(performance.now() - sentAt);
    pending.delete(clientTime);
  });
  const end = Date.now() + forMs;
  for (let i = 1; Date.now() < end; i++) {
    pending.set(i, performance.now());
    room.send('clock', { clientTime: i });
    await sleep(everyMs);
  }
  await sleep(100);
  return latencies;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

describe('another player while one connection floods the process', () => {
  it('drops messages beyond the allowance, tells only the sender, then closes it; the others keep their latency', async () => {
    const flooder = await t.createPlayer('flooder');
    const player = await t.createPlayer('steady');
    const floodRoom = await t.join('flooder', flooder.townId);
    const steadyRoom = await t.join('steady', player.townId);
    const seenFlood = probe(floodRoom);
    const seenSteady = probe(steadyRoom);
    const closed = new Promise<number>((resolve) => floodRoom.onLeave(resolve));

    const before = await clockLatencies(steadyRoom, 1500);
    // a script: 5,000 messages as fast as the socket takes them (a person sends a few a second)
    const during = clockLatencies(steadyRoom, 2000);
    for (let i = 0; i < 5000 && floodRoom.connection.isOpen; i++) {
      floodRoom.send('clock', { clientTime: -i });
      if (i % 100 === 99) await sleep(5);
    }
    expect(await closed).toBe(CLOSE_FLOODING);
    const flooded = await during;

    const answered = seenFlood.messages.filter((m) => m.type === 'clock').length;
    const refusals = seenFlood.messages.filter((m) => m.type === 'error' && m.message.code === 'message/rate-limited').length;
    expect(answered).toBeGreaterThanOrEqual(DEFAULT_MESSAGE_LIMITS.burst);
    expect(answered).toBeLessThan(DEFAULT_MESSAGE_LIMITS.burst + 40); // the rest were dropped unread
    expect(refusals).toBeGreaterThanOrEqual(1);
    expect(refusals).toBeLessThanOrEqual(3); // at most one a second: refusing costs no more than the flood
    expect(seenSteady.messages.some((m) => m.type === 'error')).toBe(false);

    const [p50Before, p50During, p95During] = [percentile(before, 0.5), percentile(flooded, 0.5), percentile(flooded, 0.95)];
    console.info(`clock round trip of another player: p50 ${p50Before.toFixed(1)} ms before, ${p50During.toFixed(1)} ms (p95 ${p95During.toFixed(1)} ms) during the flood`);
    expect(flooded.length).toBeGreaterThanOrEqual(12); // every ping was answered throughout
    expect(p50During).toBeLessThan(p50Before + 20); // a generous margin on a shared machine; typically within 1 ms

    // the flooder may come back and play normally
    const again = await t.join('flooder', flooder.townId);
    const seenAgain = probe(again);
    again.send('clock', { clientTime: 1 });
    expect((await seenAgain.next('clock')).clientTime).toBe(1);
    await Promise.all([again.leave(), steadyRoom.leave()]);
  });

  it('closes only the connection that sends a malformed frame', async () => {
    const sender = await t.createPlayer('garbler');
    const other = await t.createPlayer('bystander');
    const bad = await t.join('garbler', sender.townId);
    const good = await t.join('bystander', other.townId);
    const closed = new Promise<number>((resolve) => bad.onLeave(resolve));
    // ROOM_DATA (13), the type "clock", then a msgpack array that promises two items and ends
    bad.connection.send(new Uint8Array([13, 0xa5, ...Buffer.from('clock'), 0x92, 0x01]));
    expect(await closed).toBeGreaterThanOrEqual(4000);
    const seen = probe(good);
    good.send('clock', { clientTime: 7 });
    expect((await seen.next('clock')).clientTime).toBe(7);
    await good.leave();
  });
});
