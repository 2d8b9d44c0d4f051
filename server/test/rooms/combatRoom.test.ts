import { matchMaker } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  battleStateSchema,
  combatOrderSchema,
  createBattle,
  outcome,
  resolveBattle,
  townSchema,
  type BattleState,
} from '@starscape/shared';
import { z } from 'zod';
import { probe, sleep } from '../support/roomProbe';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { until } from '../support/until';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ gameSpeed: 1 });
});
afterAll(() => t.server.shutdown());

let serial = 0;

/** A raid-like battle between two players' towns, recorded and opened as the server does on arrival. */
async function openBattle(setup: { attacker: Record<string, number>; defender: Record<string, number>; defenseStrength?: number }) {
  const n = ++serial;
  const attacker = await t.createPlayer(`raider${n}`);
  const defender = await t.createPlayer(`keeper${n}`);
  await t.createPlayer(`fan${n}`);
  const battleId = `b-test-${n}`;
  const initial = createBattle({ seed: 1000 + n, attacker: { ships: setup.attacker }, defender: { ships: setup.defender, defenseStrength: setup.defenseStrength ?? 0 } });
  await t.battles.create({ id: battleId, seed: 1000 + n, startedAt: new Date(t.now()), attackerTownId: attacker.townId, defenderTownId: defender.townId, kind: 'raid', initial });
  await t.server.battles.open(battleId);
  return { battleId, initial, attacker: `raider${n}`, defender: `keeper${n}`, spectator: `fan${n}`, defenderTownId: defender.townId };
}

async function recordedOrders(battleId: string) {
  return z.array(combatOrderSchema).parse((await t.battles.get(battleId))!.orders);
}

function firstOf(initial: BattleState, side: 'attacker' | 'defender'): number {
  return initial.ships.find((s) => s.side === side)!.id;
}

describe('the combat room', () => {
  it('takes orders from each side’s commander for that side only; spectators and bad orders change nothing', async () => {
    const b = await openBattle({ attacker: { fighter: 12, frigate: 4 }, defender: { fighter: 10, frigate: 4 } });
    const attacker = await t.watch(b.attacker, b.battleId);
    const seenA = probe(attacker);
    const defender = await t.watch(b.defender, b.battleId);
    const seenD = probe(defender);
    const spectator = await t.watch(b.spectator, b.battleId);
    const seenS = probe(spectator);
    expect((await seenA.next('welcome')).role).toBe('attacker');
    expect((await seenD.next('welcome')).role).toBe('defender');
    expect((await seenS.next('welcome')).role).toBe('spectator');
    await seenS.stateWhere((s) => s.ships?.size === b.initial.ships.length);
    expect(spectator.state.attacker.name).toBe(`${b.attacker}'s Starbase`);
    expect(spectator.state.kind).toBe('raid');

    const enemy = firstOf(b.initial, 'defender');
    const own = firstOf(b.initial, 'attacker');
    spectator.send('combat:order', { kind: 'retreat' });
    expect((await seenS.next('error')).code).toBe('combat/not-a-combatant');
    for (const [payload, code] of [
      [{ kind: 'focus', targetId: own }, 'combat/own-target'],
      [{ kind: 'focus', targetId: 4000 }, 'combat/unknown-target'],
      [{ kind: 'focus', targetId: -1 }, 'message/invalid'],
      [{ kind: 'focus', targetId: '3' }, 'message/invalid'],
      [{ kind: 'nuke' }, 'message/invalid'],
      [{ kind: 'retreat', side: 'defender' }, 'message/invalid'],
      ['retreat', 'message/invalid'],
      [null, 'message/invalid'],
      [{ kind: 'focus', targetId: enemy, step: 0 }, 'message/invalid'],
    ] as const) {
      attacker.send('combat:order', payload);
      expect((await seenA.next('error')).code, JSON.stringify(payload)).toBe(code);
    }
    attacker.send('combat:override', { kind: 'retreat' });
    expect((await seenA.next('error')).code).toBe('message/unknown-type');
    expect(await recordedOrders(b.battleId)).toEqual([]);
    expect(spectator.state.attacker.focus).toBe(-1);
    expect(spectator.state.orders.length).toBe(0);

    attacker.send('combat:order', { kind: 'focus', targetId: enemy });
    defender.send('combat:order', { kind: 'retreat' });
    await seenS.stateWhere((s) => s.attacker.focus === enemy && s.defender.retreating === true);
    const orders = await recordedOrders(b.battleId);
    expect(orders.map((o) => [o.side, o.kind])).toEqual([
      ['attacker', 'focus'],
      ['defender', 'retreat'],
    ]);
    expect(orders.every((o) => o.step <= spectator.state.step)).toBe(true);
    expect(spectator.state.orders.length).toBe(2);

    // to the end: the record replays to exactly what the room showed, and the results reach the defender once
    await t.jumpIntoBattle(b.battleId);
    await seenS.stateWhere((s) => s.winner !== '', 5000);
    const final = resolveBattle(battleStateSchema.parse(b.initial), orders);
    expect(spectator.state.step).toBe(final.step);
    expect(spectator.state.winner).toBe(final.winner);
    for (const ship of final.ships) {
      const live = spectator.state.ships.get(String(ship.id));
      expect([live.x, live.y, live.hull, live.shield, live.status]).toEqual([ship.x, ship.y, ship.hull, ship.shield, ship.status]);
    }
    await until(async () => (await t.battles.get(b.battleId))?.resultsAppliedAt != null, 'the results');
    const record = (await t.battles.get(b.battleId))!;
    expect(record.status).toBe('finished');
    expect(record.outcome).toMatchObject(outcome(final));
    const keeper = townSchema.parse((await t.towns.load(b.defenderTownId))!.snapshot);
    expect(keeper.applied).toContain(`battle:${b.battleId}`);
    attacker.send('combat:order', { kind: 'engage' });
    expect((await seenA.next('error')).code).toBe('combat/over');
    await Promise.all([attacker.leave(), defender.leave(), spectator.leave()]).catch(() => {});
  });

  it('runs in real time with nobody connected, to the end, and then closes', async () => {
    const b = await openBattle({ attacker: { fighter: 5 }, defender: { fighter: 5 } });
    expect(await matchMaker.getRoomById(b.battleId)).toBeTruthy();
    await sleep(450); // about four steps of battle, watched by no one
    const late = await t.watch(b.spectator, b.battleId);
    const seen = probe(late);
    await seen.stateWhere((s) => s.ships?.size > 0 && s.step >= 3);
    expect(late.state.winner).toBe('');
    await late.leave();
    await sleep(300);
    expect(await matchMaker.getRoomById(b.battleId)).toBeTruthy(); // still fighting with nobody watching

    await t.jumpIntoBattle(b.battleId);
    await until(async () => (await t.battles.get(b.battleId))?.resultsAppliedAt != null, 'the results');
    await until(async () => !(await matchMaker.getRoomById(b.battleId)), 'the room to close after the end');
    await expect(t.watch(b.spectator, b.battleId)).rejects.toThrow();
  });

  it('sends each watcher only what changed, a few times a second', async () => {
    const b = await openBattle({ attacker: { fighter: 40, frigate: 20 }, defender: { fighter: 40, frigate: 20 } });
    const watcher = await t.watch(b.spectator, b.battleId);
    const seen = probe(watcher);
    await seen.stateWhere((s) => s.ships?.size === b.initial.ships.length);
    const before = seen.stateChanges;
    await sleep(1000);
    const patches = seen.stateChanges - before;
    expect(patches).toBeGreaterThanOrEqual(2);
    expect(patches).toBeLessThanOrEqual(6); // 4 a second, not one per step (10) or per change
    await watcher.leave();
  });
});

