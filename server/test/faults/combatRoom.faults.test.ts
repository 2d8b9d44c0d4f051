import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRng, fuzzSettings } from './fuzz';
import { NO_MESSAGE_LIMITS, storm, underAttack, until } from './harness';
import { combatScene } from './scenes';
import { startTestServer, type TestServer } from '../support/startTestServer';

const { seed, cases } = fuzzSettings(5000);

let t: TestServer;
let scene: Awaited<ReturnType<typeof combatScene>>;
beforeAll(async () => {
  t = await startTestServer({ gameSpeed: 1, messageLimits: NO_MESSAGE_LIMITS, combat: { patchMs: 100 } });
  scene = await combatScene(t, 'combat');
});
afterAll(async () => {
  await scene?.close();
  await t?.server.shutdown();
});

describe(`the combat room under hostile messages (FUZZ_SEED=${seed}, FUZZ_CASES=${cases})`, () => {
  it(`answers ${cases} malformed and unknown messages with an error to the commander only; the battle runs on untouched`, async () => {
    const stepBefore = scene.bystander.room.state.step;
    const report = await underAttack(scene, () => storm(scene, seed, cases));
    console.info(`[faults] combat: ${report.sent} hostile messages (${report.invalid} malformed, ${report.unknownType} unknown types) in ${report.ms} ms, seed ${seed}`);
    expect(report.invalid).toBeGreaterThan(report.sent / 2);
    expect(scene.bystander.room.state.step).toBeGreaterThan(stepBefore); // it kept running all along
    expect(scene.bystander.room.state.winner).toBe('');
  });

  it('refuses well-formed orders the battle forbids (own ships, unknown units), recording nothing', async () => {
    const own = scene.initial.ships.filter((s) => s.side === 'attacker').map((s) => s.id);
    const count = Math.max(50, Math.floor(cases / 10));
    await underAttack(scene, async () => {
      const fuzzed = scene.fuzzed;
      const base = fuzzed.errors().length;
      const expected: string[] = [];
      for (let i = 0; i < count; i++) {
        const rng = caseRng(seed ^ 0xc0b, i);
        const ownTarget = rng.chance(0.5);
        const targetId = ownTarget ? rng.pick(own) : rng.int(scene.initial.ships.length, 100_000);
        fuzzed.room.send('combat:order', { kind: 'focus', targetId });
        expected.push(ownTarget ? 'combat/own-target' : 'combat/unknown-target');
      }
      await until(() => fuzzed.errors().length >= base + count, `${count} refusals`, 20_000);
      expect(fuzzed.errors().slice(base).map((e) => e.code)).toEqual(expected);
    });
  });

  it('refuses a spectator’s well-formed orders and never answers the commander for them', async () => {
    const spectator = scene.bystander;
    const commander = scene.fuzzed;
    await scene.settle();
    const before = await scene.snapshot();
    const commanderErrors = commander.errors().length;
    const base = spectator.errors().length;
    const orders = [{ kind: 'retreat' }, { kind: 'engage' }, { kind: 'focus', targetId: scene.initial.ships.find((s) => s.side === 'defender')!.id }];
    for (let i = 0; i < 30; i++) for (const order of orders) spectator.room.send('combat:order', order);
    await until(() => spectator.errors().length >= base + 30 * orders.length, 'the spectator’s refusals');
    expect(new Set(spectator.errors().slice(base).map((e) => e.code))).toEqual(new Set(['combat/not-a-combatant']));
    await scene.settle();
    expect(await scene.snapshot()).toEqual(before);
    expect(commander.errors().length).toBe(commanderErrors);
  });
});
