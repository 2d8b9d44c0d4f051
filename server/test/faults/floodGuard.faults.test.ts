import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_FLOODING, DEFAULT_MESSAGE_LIMITS } from '../../src/rooms/incomingGuard';
import { sleep } from '../support/roomProbe';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { fuzzSettings, hostileMessage, roomDataFrame } from './fuzz';
import { underAttack, until, type Scene } from './harness';
import { combatScene, galaxyScene, townScene } from './scenes';

/**
 * The other suites lift the message limits to get thousands of cases through validation; this one keeps the
 * production limits (its own file: Colyseus' matchmaker is one per process, so one game server per file) and
 * floods each room with hostile messages as fast as the socket takes them.
 */
const { seed } = fuzzSettings(5000);
const builders = { town: townScene, combat: combatScene, galaxy: galaxyScene } as const;

let t: TestServer;
const scenes = {} as Record<keyof typeof builders, Scene>;
beforeAll(async () => {
  t = await startTestServer({ gameSpeed: 1, autosaveMs: 100, combat: { patchMs: 100 } });
  for (const [name, build] of Object.entries(builders)) scenes[name as keyof typeof builders] = await build(t, `flood-${name}`);
});
afterAll(async () => {
  for (const scene of Object.values(scenes)) await scene.close();
  await t?.server.shutdown();
});

for (const name of Object.keys(builders) as Array<keyof typeof builders>) {
  describe(`the ${name} room at production message limits (FUZZ_SEED=${seed})`, () => {
    it('answers a flood of hostile messages with rate-limited, drops the rest unread, then closes only the flooder (4429)', async () => {
      const scene = scenes[name];
      await sleep(1000 * (DEFAULT_MESSAGE_LIMITS.burst / DEFAULT_MESSAGE_LIMITS.perSecond)); // a full allowance for everyone
      await underAttack(
        scene,
        async () => {
          for (let i = 0; i < 5000 && scene.fuzzed.closedWith === null; i++) {
            const message = hostileMessage(seed, i, scene.protocol);
            scene.fuzzed.room.connection.send(roomDataFrame(message.type, message.payload)!);
            if (i % 100 === 99) await sleep(5);
          }
          await until(() => scene.fuzzed.closedWith !== null, 'the flooder to be closed');
          expect(scene.fuzzed.closedWith).toBe(CLOSE_FLOODING);
          const codes = scene.fuzzed.errors().map((e) => e.code);
          expect(codes).toContain('message/rate-limited');
          // the allowance's worth of answers (each an error) and a rate-limited notice or two: the rest unread
          expect(codes.length).toBeLessThan(DEFAULT_MESSAGE_LIMITS.burst + 40);
        },
        { allowStderr: (line) => /closing a connection that floods its room/.test(line) },
      );
    });
  });
}
