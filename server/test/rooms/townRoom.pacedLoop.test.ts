import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOIN_FOLLOW_UP_MS } from '../../src/createGameServer';
import { ProcessMetrics, type MetricsReport } from '../../src/http/metrics';
import { probe } from '../support/roomProbe';
import { startTestServer, type TestServer } from '../support/startTestServer';

const TICK_MS = 40;
const PLAYERS = 24;

let t: TestServer;
let metrics: ProcessMetrics;
beforeAll(async () => {
  metrics = new ProcessMetrics({ windowMs: 200 });
  t = await startTestServer({ inputTickMs: TICK_MS, metrics });
});
afterAll(async () => {
  await t.server.shutdown();
  metrics.stop();
});

const readMetrics = async () => (await (await fetch(`http://127.0.0.1:${t.port}/metrics`)).json()) as MetricsReport;

describe('a game server with a paced event loop (INPUT_TICK_MS)', () => {
  it('lets players who join together all in, and answers each one’s action', async () => {
    // a loop is paced once a first second has shown it quiet
    while (t.server.inputTick!.stats().pacing === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    const players = await Promise.all(Array.from({ length: PLAYERS }, (_, i) => t.createPlayer(`paced-${i}`)));
    const rooms = await Promise.all(players.map(({ userId, townId }) => t.join(userId, townId)));
    await Promise.all(
      rooms.map(async (room, i) => {
        const seen = probe(room);
        // the state may come in the same batch as the join's answer, before this probe: look at the state itself
        await seen.stateWhere((s) => s.townId === players[i]!.townId);
        room.send('upgrade:start', { building: 'metalMine' });
        await seen.stateWhere((s) => s.upgrade !== undefined);
      }),
    );
    const stats = t.server.inputTick!.stats();
    expect(stats.tickMs).toBe(TICK_MS);
    expect(stats.acceptTurns).toBeGreaterThanOrEqual(PLAYERS); // a WebSocket each, and no nap after accepting one
    expect(stats.heldTurns).toBeGreaterThan(0); // matchmaking requests go through without naps
    expect(stats.holds).toBe(0); // each WebSocket's hold ended with its client's first message
    expect(stats).toMatchObject({ followUps: 0, followUpsTimedOut: 0 }); // each seat's answer, with its WebSocket
    expect(stats.naps).toBeGreaterThan(0);
    expect(stats.nappedMs).toBeLessThanOrEqual(stats.naps * TICK_MS);
    await Promise.all(rooms.map((room) => room.leave()));
  });

  it('stays awake after a matchmaking answer for the client’s WebSocket, and not forever for one that never comes', async () => {
    // a seat asked for with a token the server refuses: an answer, and no WebSocket after it
    const response = await fetch(`http://127.0.0.1:${t.port}/matchmake/joinOrCreate/town`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: JSON.stringify({ townId: 'nobody' }),
    });
    expect(await response.json()).toMatchObject({ error: expect.any(String) });
    const before = t.server.inputTick!.stats();
    expect(before.followUps).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the metrics timer runs meanwhile: turns, no naps
    const during = t.server.inputTick!.stats();
    expect(during.turns).toBeGreaterThan(before.turns);
    expect(during.naps).toBe(before.naps);
    await new Promise((resolve) => setTimeout(resolve, JOIN_FOLLOW_UP_MS));
    expect(t.server.inputTick!.stats()).toMatchObject({ followUps: 0, followUpsTimedOut: before.followUpsTimedOut + 1, holds: 0 });
  });

  it('reports its turns on GET /metrics in place of sampled delays', async () => {
    await new Promise((resolve) => setTimeout(resolve, 250)); // a window closes
    const report = await readMetrics();
    expect(report.inputTick).toMatchObject({ tickMs: TICK_MS, turns: expect.any(Number), naps: expect.any(Number) });
    expect(report.inputTick!.turns).toBeGreaterThan(0);
    const delays = report.eventLoopDelayMs;
    expect(delays.sinceStart.samples).toBeGreaterThan(0); // one per turn
    expect(delays.sinceStart.samples).toBeLessThanOrEqual(report.inputTick!.turns);
    expect(delays.lastWindow).not.toBeNull();
    // busy stretches, not naps: what a paced loop's sampled delay would be made of
    expect(delays.sinceStart.p50).toBeLessThan(TICK_MS);
  });

  it('stops pacing at shutdown, so the last saves run at full speed', async () => {
    const { userId, townId } = await t.createPlayer('paced-last');
    const room = await t.join(userId, townId);
    await probe(room).stateWhere((s) => s.townId === townId);
    await t.server.shutdown();
    const turns = t.server.inputTick!.stats().turns;
    await new Promise((resolve) => setTimeout(resolve, 3 * TICK_MS));
    expect(t.server.inputTick!.stats().turns).toBe(turns);
    expect(await t.towns.load(townId)).not.toBeNull();
  });
});
