import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientMessageSchemas } from '@starscape/shared';
import { asReceived, caseRng, fuzzSettings, hostileString, randomString } from './fuzz';
import { NO_MESSAGE_LIMITS, underAttack, storm, until } from './harness';
import { townScene } from './scenes';
import { startTestServer, type TestServer } from '../support/startTestServer';

const { seed, cases } = fuzzSettings(5000);

let t: TestServer;
let scene: Awaited<ReturnType<typeof townScene>>;
beforeAll(async () => {
  t = await startTestServer({ gameSpeed: 1, autosaveMs: 100, messageLimits: NO_MESSAGE_LIMITS });
  scene = await townScene(t, 'town');
});
afterAll(async () => {
  await scene?.close();
  await t?.server.shutdown();
});

describe(`the town room under hostile messages (FUZZ_SEED=${seed}, FUZZ_CASES=${cases})`, () => {
  it(`answers ${cases} malformed and unknown messages with an error to the owner only, and changes nothing`, async () => {
    const report = await underAttack(scene, () => storm(scene, seed, cases));
    console.info(`[faults] town: ${report.sent} hostile messages (${report.invalid} malformed, ${report.unknownType} unknown types) in ${report.ms} ms, seed ${seed}`);
    expect(report.invalid).toBeGreaterThan(report.sent / 2);
  });

  it('refuses well-formed commands the rules forbid (no shipyard, no order, no such mission or target), changing nothing', async () => {
    const count = Math.max(50, Math.floor(cases / 10));
    await underAttack(scene, async () => {
      const fuzzed = scene.fuzzed;
      const base = fuzzed.errors().length;
      const sent: string[] = [];
      for (let i = 0; sent.length < count; i++) {
        const rng = caseRng(seed ^ 0x70776e, i);
        const ships = { fighter: rng.int(0, 10), scout: rng.int(0, 2) };
        const [type, payload] = rng.pick([
          ['shipyard:order', { ship: rng.pick(['fighter', 'frigate', 'cruiser', 'hauler', 'scout']), count: rng.int(1, 1000) }],
          ['shipyard:cancel', { orderId: rng.int(1, 1_000_000_000) }],
          ['upgrade:cancel', rng.chance(0.5) ? undefined : {}],
          ['fleet:dispatch', { missionId: `fuzz:${randomString(rng, rng.int(0, 58))}`.slice(0, 64), ships }],
          // any string at all as the target (prototype keys, SQL, control characters): it is no town's id
          ['fleet:raid', { targetTownId: (hostileString(rng, 64) || '?').slice(0, 64), ships }],
        ] as const);
        // well-formed as the server receives it (a lone surrogate arrives as three U+FFFD, which may pass 64)
        if (!clientMessageSchemas[type].safeParse(asReceived(payload)).success) continue;
        fuzzed.room.send(type, payload);
        sent.push(type);
      }
      await until(() => fuzzed.errors().length >= base + count, `${count} refusals`, 20_000);
      const answers = fuzzed.errors().slice(base);
      // raids are refused after a lookup, so answers may come out of order: compare per request type
      const tally = (types: Array<string | undefined>) => types.reduce<Record<string, number>>((acc, type) => ({ ...acc, [type ?? '?']: (acc[type ?? '?'] ?? 0) + 1 }), {});
      expect(tally(answers.map((a) => a.request))).toEqual(tally(sent));
      expect(answers.filter((a) => a.code === 'message/invalid' || a.code === 'message/unknown-type')).toEqual([]);
    });
  });

  it('refuses a visitor’s well-formed commands and never answers the owner for them', async () => {
    // the roles swapped: the visitor hammers the owner's town with valid-looking commands, the owner looks on
    const visitor = scene.bystander;
    const owner = scene.fuzzed;
    await scene.settle();
    const before = await scene.snapshot();
    const ownerErrors = owner.errors().length;
    const base = visitor.errors().length;
    const commands = [
      ['upgrade:start', { building: 'metalMine' }],
      ['upgrade:cancel', undefined],
      ['shipyard:order', { ship: 'fighter', count: 1 }],
      ['shipyard:cancel', { orderId: 1 }],
      ['fleet:dispatch', { missionId: 'x', ships: { fighter: 1 } }],
      ['fleet:raid', { targetTownId: 'x', ships: { fighter: 1 } }],
    ] as const;
    for (let i = 0; i < 20; i++) for (const [type, payload] of commands) visitor.room.send(type, payload);
    await until(() => visitor.errors().length >= base + 20 * commands.length, 'the visitor’s refusals');
    expect(new Set(visitor.errors().slice(base).map((e) => e.code))).toEqual(new Set(['auth/not-owner']));
    await scene.settle();
    expect(await scene.snapshot()).toEqual(before);
    expect(owner.errors().length).toBe(ownerErrors);
  });
});
