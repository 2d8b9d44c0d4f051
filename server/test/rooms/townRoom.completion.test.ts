import { afterAll, beforeAll, expect, it } from 'vitest';
import { newTown } from '@starscape/shared';
import { probe } from '../support/roomProbe';
import { startTestServer, type TestServer } from '../support/startTestServer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ gameSpeed: 2000 });
});
afterAll(() => t.server.shutdown());

it('completes an upgrade on time and patches the new level without being asked', async () => {
  const { townId } = await t.createPlayer('speedy', newTown(t.now(), 2000));
  const room = await t.join('speedy', townId);
  const seen = probe(room);
  room.send('upgrade:start', { building: 'metalMine' }); // 108 s at speed 1 → 54 ms at 2000
  await seen.stateWhere((s) => s.upgrade !== undefined);
  await seen.stateWhere((s) => s.metalMineLevel === 1 && s.upgrade === undefined, 2000);
  expect(room.state.metalRate).toBe(30 * 2000); // no solar plant yet: the mine has no energy
  await room.leave();
});
