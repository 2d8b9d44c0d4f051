import { CHAT_BURST, CHAT_REFILL_MS, chatMuteSchema, chatSendSchema, chatText } from '@starscape/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asReceived, caseRng, fuzzSettings, hostileString, randomString, roomDataFrame, type Rng } from './fuzz';
import { NO_MESSAGE_LIMITS, storm, underAttack, until, watchProcess } from './harness';
import { galaxyScene } from './scenes';
import { sleep } from '../support/roomProbe';
import { startTestServer, type TestServer } from '../support/startTestServer';

const { seed, cases } = fuzzSettings(5000);

let t: TestServer;
let scene: Awaited<ReturnType<typeof galaxyScene>>;
beforeAll(async () => {
  t = await startTestServer({ gameSpeed: 1, messageLimits: NO_MESSAGE_LIMITS });
  scene = await galaxyScene(t, 'galaxy');
});
afterAll(async () => {
  await scene?.close();
  await t?.server.shutdown();
});

/** Chat text of every kind: control and invisible characters, bidi overrides, blanks, lengths around the limit. */
function chatLike(rng: Rng): string {
  const roll = rng.int(0, 7);
  if (roll === 0) return ' \t\n'.repeat(rng.int(0, 20));
  if (roll === 1) return 'x'.repeat(rng.int(270, 2000));
  if (roll === 2) return `hi${String.fromCharCode(rng.pick([0, 7, 8, 0x1b, 0x7f, 0x85, 0x200b, 0x200e, 0x202e, 0x2066, 0xfeff]))}there`;
  if (roll === 3) return '🚀'.repeat(rng.int(200, 500));
  if (roll === 4) return randomString(rng, rng.int(0, 400));
  return hostileString(rng, 2000).slice(0, 2000);
}

/** Lets the chat allowance refill (the server clock jumps ahead) so accepted lines are not rate-limited. */
function refillChat(): void {
  t.clock.skewMs += CHAT_BURST * CHAT_REFILL_MS;
}

describe(`the galaxy room under hostile messages (FUZZ_SEED=${seed}, FUZZ_CASES=${cases})`, () => {
  it(`answers ${cases} malformed and unknown messages with an error to the sender only; no chat line, no mute, no map change`, async () => {
    const report = await underAttack(scene, () => storm(scene, seed, cases));
    console.info(`[faults] galaxy: ${report.sent} hostile messages (${report.invalid} malformed, ${report.unknownType} unknown types) in ${report.ms} ms, seed ${seed}`);
    expect(report.invalid).toBeGreaterThan(report.sent / 2);
  });

  it('refuses well-formed chat the rules forbid (blank, too long, control and invisible characters) and mutes of nobody or oneself, storing nothing', async () => {
    const count = Math.max(60, Math.floor(cases / 10));
    await underAttack(scene, async () => {
      const fuzzed = scene.fuzzed;
      const base = fuzzed.errors().length;
      const expected: string[] = [];
      for (let i = 0; expected.length < count; i++) {
        const rng = caseRng(seed ^ 0x6a1, i);
        // judged as the server will receive them (a lone surrogate arrives as U+FFFD, say)
        if (rng.chance(0.7)) {
          const payload = { channel: rng.pick(['sector', 'galaxy']), text: chatLike(rng) };
          const received = chatSendSchema.safeParse(asReceived(payload));
          if (!received.success) continue; // malformed: the storm's business
          const verdict = chatText(received.data.text);
          if (verdict.ok) continue; // acceptable text is the next test's
          fuzzed.room.send('chat:send', payload);
          expected.push(verdict.code);
        } else if (rng.chance(0.2)) {
          fuzzed.room.send('chat:mute', { userId: scene.fuzzedId, muted: rng.chance(0.5) });
          expected.push('chat/mute-self');
        } else {
          // no such player: any string, prototype keys included
          const payload = { userId: (hostileString(rng, 64) || '?').slice(0, 64), muted: true };
          const received = chatMuteSchema.safeParse(asReceived(payload));
          if (!received.success || [scene.fuzzedId, scene.bystanderId].includes(received.data.userId)) continue;
          fuzzed.room.send('chat:mute', payload);
          expected.push('chat/no-such-player');
        }
      }
      await until(() => fuzzed.errors().length >= base + count, `${count} refusals`, 20_000);
      // mutes are refused after a lookup: compare as multisets
      expect(
        fuzzed
          .errors()
          .slice(base)
          .map((e) => e.code)
          .sort(),
      ).toEqual(expected.sort());
    });
  });

  it('shows hostile but acceptable chat text (markup, SQL, emoji, lengths up to the limit) exactly as stored, to everyone', async () => {
    const watch = watchProcess();
    try {
      let sent = 0;
      for (let i = 0; sent < 40; i++) {
        const rng = caseRng(seed ^ 0x7e47, i);
        const text = rng.chance(0.3) ? rng.pick(['<script>alert(1)</script>', "'; DROP TABLE chat; --", '{{constructor.constructor("x")()}}', '__proto__', '🚀'.repeat(280), 'é'.repeat(280), 'x'.repeat(280)]) : chatLike(rng);
        const received = chatSendSchema.safeParse(asReceived({ channel: 'sector', text }));
        const verdict = received.success ? chatText(received.data.text) : null;
        // a line of exactly 255 UTF-8 bytes garbles the state (the known bug below): left out here
        if (!verdict?.ok || Buffer.byteLength(verdict.value) === 255) continue;
        refillChat();
        scene.fuzzed.room.send('chat:send', { channel: 'sector', text });
        await scene.bystander.seen.stateWhere((s) => s.sectorChat.at(-1)?.text === verdict.value);
        sent++;
      }
      await sleep(100);
      const stored = await t.chat.recent(`sector:${scene.sector}`, 50);
      const shown = scene.bystander.room.state.sectorChat.toJSON();
      expect(shown).toEqual(stored.map((line) => ({ ...line })));
      expect(scene.fuzzed.room.state.sectorChat.toJSON()).toEqual(shown);
    } finally {
      watch.stop();
    }
    expect(watch.stderr, 'no decoder complaints').toEqual([]);
  });

  // found by this suite: @colyseus/schema 3.0.76 encodes a string of exactly 255 UTF-8 bytes with a length of
  // `255 % 255` = 0, so every viewer decoded the line as '' and its 255 bytes as state operations
  // (server/src/rooms/schema/stringEncodingFix.ts)
  it('shows a chat line of exactly 255 UTF-8 bytes intact to everyone', async () => {
    const text = `${'y'.repeat(250)}-255!`;
    expect(Buffer.byteLength(text)).toBe(255);
    const watch = watchProcess();
    try {
      refillChat();
      scene.fuzzed.room.send('chat:send', { channel: 'sector', text });
      await until(async () => (await t.chat.recent(`sector:${scene.sector}`, 1))[0]?.text === text, 'the line to be stored');
      await sleep(200);
      expect(scene.bystander.room.state.sectorChat.at(-1)?.text).toBe(text);
    } finally {
      watch.stop();
    }
    expect(watch.stderr, 'no decoder complaints').toEqual([]);
  });

  it('stores and shows a chat text sent with a lone surrogate in raw UTF-8 (WTF-8) bytes intact, or refuses it', async () => {
    // {channel:'sector', text:'ab<ED A0 80>cd'}: msgpack bytes no JS string packs to
    const text = Buffer.concat([Buffer.from('ab'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('cd')]);
    const payload = Buffer.concat([Buffer.from([0x82, 0xa7]), Buffer.from('channel'), Buffer.from([0xa6]), Buffer.from('sector'), Buffer.from([0xa4]), Buffer.from('text'), Buffer.from([0xa0 | text.length]), text]);
    const head = roomDataFrame('chat:send', undefined)!;
    const watch = watchProcess();
    const base = scene.fuzzed.errors().length;
    const lines = (await t.chat.recent(`sector:${scene.sector}`, 100)).length;
    try {
      refillChat();
      scene.fuzzed.room.connection.send(Buffer.concat([head, payload]));
      await until(async () => scene.fuzzed.errors().length > base || (await t.chat.recent(`sector:${scene.sector}`, 100)).length > lines, 'an answer');
      await sleep(200);
    } finally {
      watch.stop();
    }
    const stored = await t.chat.recent(`sector:${scene.sector}`, 100);
    console.info(`[faults] galaxy: a WTF-8 lone surrogate in chat was ${stored.length > lines ? `stored as ${JSON.stringify(stored.at(-1)!.text)}` : 'refused'}`);
    if (stored.length > lines) {
      // stored: everyone must see exactly the stored text
      expect(scene.bystander.room.state.sectorChat.at(-1)?.text).toBe(stored.at(-1)!.text);
      expect(watch.stderr).toEqual([]);
    } else expect(scene.fuzzed.errors().at(-1)?.code).toBe('chat/invalid-text');
    expect(scene.bystander.closedWith).toBeNull();
  });
});
