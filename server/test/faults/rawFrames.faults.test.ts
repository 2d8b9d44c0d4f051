import { matchMaker } from '@colyseus/core';
import { MAX_MESSAGE_BYTES } from '@starscape/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { fuzzSettings, objectOf, roomDataFrame } from './fuzz';
import { NO_MESSAGE_LIMITS, deliver, notAnError, rawStorm, underAttack, until, watchProcess, type Scene } from './harness';
import { combatScene, galaxyScene, townScene } from './scenes';

const { seed, cases } = fuzzSettings(5000);
/** raw frames cost a round trip each (and a reconnect when the server closes the socket): a fifth of the messages */
const rawCases = Math.max(50, Math.round(cases / 5));

const builders = { town: townScene, combat: combatScene, galaxy: galaxyScene } as const;

let t: TestServer;
const scenes = {} as Record<keyof typeof builders, Scene>;
beforeAll(async () => {
  t = await startTestServer({ gameSpeed: 1, autosaveMs: 100, messageLimits: NO_MESSAGE_LIMITS, combat: { patchMs: 100 } });
  for (const [name, build] of Object.entries(builders)) scenes[name as keyof typeof builders] = await build(t, `raw-${name}`);
});
afterAll(async () => {
  for (const scene of Object.values(scenes)) await scene.close();
  await t?.server.shutdown();
});

/** The room's server-side seats: a closed connection must leave no seat behind. */
async function seatsIn(scene: Scene): Promise<number> {
  return matchMaker.getLocalRoomById(scene.bystander.room.roomId)?.clients.length ?? -1;
}

/** A ROOM_DATA frame of exactly `bytes` bytes: a known type with a payload padded to the size. */
function frameOf(type: string, bytes: number): Uint8Array {
  const bare = roomDataFrame(type, { pad: '' })!.length;
  let frame = roomDataFrame(type, { pad: 'p'.repeat(bytes - bare) })!;
  // the string header grows at 32 and 256 bytes: trim back to the exact size
  while (frame.length > bytes) frame = roomDataFrame(type, { pad: 'p'.repeat(bytes - bare - (frame.length - bytes)) })!;
  return frame;
}

for (const name of Object.keys(builders) as Array<keyof typeof builders>) {
  describe(`the ${name} room under raw and malformed frames (FUZZ_SEED=${seed}, ${rawCases} frames)`, () => {
    it(`survives ${rawCases} random, truncated, lying and oversized-inside frames: only the sender's socket may close, the bystander notices nothing`, async () => {
      const scene = scenes[name];
      const report = await underAttack(scene, () => rawStorm(scene, seed, rawCases), { allowStderr: notAnError });
      const summary = Object.entries(report.outcomes)
        .map(([kind, outcome]) => `${kind}: ${Object.entries(outcome).map(([o, n]) => `${o} ${n}`).join(', ')}`)
        .join('; ');
      console.info(`[faults] ${name}: ${report.sent} raw frames in ${report.ms} ms, seed ${seed} — ${summary}`);
      await until(async () => (await seatsIn(scene)) === 2, 'closed connections to give their seats back');
    });

    it(`takes a frame of exactly ${MAX_MESSAGE_BYTES} bytes, and closes only the sender's socket (1009) for a larger one`, async () => {
      const scene = scenes[name];
      const type = Object.keys(scene.protocol.schemas)[0]!;
      await underAttack(
        scene,
        async () => {
          const exact = frameOf(type, MAX_MESSAGE_BYTES);
          expect(exact.length).toBe(MAX_MESSAGE_BYTES);
          const base = scene.fuzzed.errors().length;
          scene.fuzzed.room.connection.send(exact);
          await until(() => scene.fuzzed.errors().length > base, 'an answer to the largest allowed frame');
          expect(scene.fuzzed.errors().at(-1)).toMatchObject({ code: 'message/invalid', request: type });

          for (const [carrier, size] of [
            ['binary', MAX_MESSAGE_BYTES + 1],
            ['binary', 1024 * 1024],
            ['text', MAX_MESSAGE_BYTES + 1],
          ] as const) {
            const bytes = carrier === 'binary' ? frameOf(type, size) : Buffer.from('x'.repeat(size));
            deliver(scene.fuzzed, { index: -1, kind: 'oversized', carrier, bytes });
            await until(() => scene.fuzzed.closedWith !== null, `the ${size}-byte ${carrier} frame's sender to be closed`);
            expect(scene.fuzzed.closedWith, `${size}-byte ${carrier} frame`).toBe(1009);
            expect(scene.bystander.closedWith).toBeNull();
            await scene.reconnectFuzzed();
          }
        },
        { allowStderr: notAnError },
      );
    });

    // found by this suite: the type '*' reaches the wildcard handler with the payload where the type should be
    // (String(payload) threw for an object whose toString is no function; long payloads were echoed back)
    it('answers the message type "*" like any unknown type, whatever its payload', async () => {
      const scene = scenes[name];
      await underAttack(scene, async () => {
        const payloads = [undefined, 'x'.repeat(3000), { a: 1 }, [1, 2], objectOf([['toString', 1]]), objectOf([['valueOf', 1], ['toString', 2]])];
        const base = scene.fuzzed.errors().length;
        for (const payload of payloads) scene.fuzzed.room.connection.send(roomDataFrame('*', payload)!);
        await until(() => scene.fuzzed.errors().length >= base + payloads.length, 'an answer to each', 2000);
        const answers = scene.fuzzed.errors().slice(base);
        expect(answers.map((a) => a.code)).toEqual(payloads.map(() => 'message/unknown-type'));
        for (const answer of answers) expect(answer.request?.length ?? 0).toBeLessThanOrEqual(64); // no echo of a 3 KB payload
      });
    });

    // found by this suite: '__no_message_handler' names Colyseus' built-in fallback handler, which closed the
    // sender's socket (4002) instead of the room's own refusal
    it('answers the message type "__no_message_handler" like any unknown type', async () => {
      const scene = scenes[name];
      await underAttack(scene, async () => {
        const base = scene.fuzzed.errors().length;
        scene.fuzzed.room.connection.send(roomDataFrame('__no_message_handler', { a: 1 })!);
        await until(() => scene.fuzzed.errors().length > base || scene.fuzzed.closedWith !== null, 'an answer', 2000);
        expect(scene.fuzzed.closedWith).toBeNull();
        expect(scene.fuzzed.errors().at(-1)).toMatchObject({ code: 'message/unknown-type', request: '__no_message_handler' });
      });
    });
  });
}

describe('the game server process', () => {
  it('is still whole after every room’s raw storm: rooms listed, nothing polluted', async () => {
    const watch = watchProcess();
    try {
      for (const scene of Object.values(scenes)) expect(await matchMaker.getRoomById(scene.bystander.room.roomId)).toBeTruthy();
      expect(Object.keys(Object.prototype)).toEqual([]);
    } finally {
      watch.stop();
    }
    expect(watch.uncaught).toEqual([]);
  });
});
