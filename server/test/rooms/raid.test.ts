import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountAt, battleStateSchema, newTown, storedBattleOutcomeSchema, type Town } from '@starscape/shared';
import { battleIdOf } from '../../src/battles/battleIds';
import { probe, sleep } from '../support/roomProbe';
import { cargoOf } from '../support/townOf';
import { startTestServer, type TestServer } from '../support/startTestServer';

const SPEED = 2000; // a raid flight takes under 3 s; newcomer protection lasts 130 s

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ gameSpeed: SPEED, autosaveMs: 100 });
});
afterAll(() => t.server.shutdown());

function raiderTown(): Town {
  const town = newTown(t.now() - 3_600_000, SPEED);
  return { ...town, ships: { ...town.ships, fighter: 40, frigate: 12, hauler: 3, scout: 2 }, stocks: { ...town.stocks, fuel: { ...town.stocks.fuel, amount: 60_000 } } };
}

/** An established starbase (founded long ago) with a few docked fighters, a defense grid and full stores. */
function keeperTown(): Town {
  const town = newTown(t.now() - 3_600_000, SPEED);
  const metal = { ...town.stocks.metal, amount: Math.floor(town.stocks.metal.cap * 0.9) };
  return { ...town, ships: { ...town.ships, fighter: 4 }, buildings: { ...town.buildings, defenseGrid: 1 }, stocks: { ...town.stocks, metal } };
}

describe('raids on another player’s starbase', () => {
  it('refuses raids a player may not fly', async () => {
    const me = await t.createPlayer('bandit', raiderTown());
    const newcomer = await t.createPlayer('rookie'); // founded now: protected
    const room = await t.join('bandit', me.townId);
    const seen = probe(room);
    for (const [payload, code] of [
      [{ targetTownId: newcomer.townId, ships: { fighter: 5 } }, 'raid/target-protected'],
      [{ targetTownId: me.townId, ships: { fighter: 5 } }, 'raid/own-town'],
      [{ targetTownId: 'no-such-town', ships: { fighter: 5 } }, 'raid/no-such-town'],
      [{ targetTownId: newcomer.townId, ships: { fighter: 5, extra: 1 } }, 'message/invalid'],
      [{ targetTownId: '', ships: { fighter: 5 } }, 'message/invalid'],
    ] as const) {
      room.send('fleet:raid', payload);
      expect((await seen.next('error')).code, JSON.stringify(payload)).toBe(code);
    }
    const elder = await t.createPlayer('elder', keeperTown());
    room.send('fleet:raid', { targetTownId: elder.townId, ships: { scout: 2 } });
    expect((await seen.next('error')).code).toBe('raid/unarmed');
    room.send('fleet:raid', { targetTownId: elder.townId, ships: { fighter: 41 } });
    expect((await seen.next('error')).code).toBe('fleet/not-enough-ships');
    expect(room.state.fleets?.size ?? 0).toBe(0);
    expect(room.state.fighter).toBe(40);
    await room.leave();
  });

  it('fights the docked ships and the defense grid, and moves loot and losses exactly once', async () => {
    const raider = await t.createPlayer('corsair', raiderTown());
    const keeper = await t.createPlayer('warden', keeperTown());
    const attackerRoom = await t.join('corsair', raider.townId);
    const seenA = probe(attackerRoom);
    const defenderRoom = await t.join('warden', keeper.townId); // the defender is online: sees the raid live
    const seenD = probe(defenderRoom);
    await seenD.stateWhere((s) => s.fighter === 4);
    const before = (await t.server.towns.read(keeper.townId))!;
    const beforeAt = t.now();

    attackerRoom.send('fleet:raid', { targetTownId: keeper.townId, ships: { fighter: 40, frigate: 12, hauler: 3 } });
    await seenA.stateWhere((s) => s.fleets?.size === 1);
    const fleetId = [...attackerRoom.state.fleets.keys()][0] as string;
    expect(attackerRoom.state.fleets.get(fleetId)).toMatchObject({ kind: 'raid', target: keeper.townId, title: "Raid on warden's Starbase", status: 'outbound' });

    await seenA.stateWhere((s) => s.fleets?.get(fleetId)?.status === 'fighting', 8000);
    const battleId = battleIdOf(fleetId);
    await seenD.stateWhere((s) => s.defenses?.has(battleId));
    expect(defenderRoom.state.defenses.get(battleId).attackerName).toBe("corsair's Starbase");
    const record = (await t.battles.get(battleId))!;
    expect(record).toMatchObject({ kind: 'raid', attackerTownId: raider.townId, defenderTownId: keeper.townId, status: 'running' });
    const initial = battleStateSchema.parse(record.initial);
    expect(initial.ships.filter((s) => s.type === 'turret')).toHaveLength(1);
    expect(initial.ships.filter((s) => s.side === 'defender' && s.type === 'fighter')).toHaveLength(4);

    // the defender commands their side of the battle
    const watch = await t.watch('warden', battleId);
    const seenW = probe(watch);
    expect((await seenW.next('welcome')).role).toBe('defender');
    await watch.leave();

    await t.jumpIntoBattle(battleId);
    await seenA.stateWhere((s) => s.fleets?.get(fleetId)?.status === 'returning', 8000);
    await seenD.stateWhere((s) => (s.defenses?.size ?? 0) === 0, 8000);
    const finished = (await t.battles.get(battleId))!;
    const result = storedBattleOutcomeSchema.parse(finished.outcome);
    expect(result.winner).toBe('attacker');
    expect(result.loot!.metal).toBeGreaterThan(0);
    expect(cargoOf(attackerRoom.state.fleets.get(fleetId))).toEqual(result.loot);
    expect(defenderRoom.state.fighter).toBe(4 - result.losses.defender.fighter);

    const after = (await t.server.towns.read(keeper.townId))!;
    const afterAt = t.now();
    const produced = amountAt(before, 'metal', afterAt) - amountAt(before, 'metal', beforeAt);
    const metalNow = amountAt(after, 'metal', afterAt);
    const expected = amountAt(before, 'metal', beforeAt) + produced - result.loot!.metal;
    expect(Math.abs(metalNow - expected)).toBeLessThan(1); // what the raiders took, no more, no less

    // a repeated settlement (the scheduled fallback, a retry) changes nothing
    await t.server.settlement.settle(battleId);
    await t.server.arrivals.handleArrival({ townId: raider.townId, fleetId });
    await sleep(100);
    const again = (await t.server.towns.read(keeper.townId))!;
    expect(again.ships).toEqual(after.ships);
    expect(Math.abs(amountAt(again, 'metal', afterAt) - metalNow)).toBeLessThan(1e-6);
    expect(cargoOf(attackerRoom.state.fleets.get(fleetId))).toEqual(result.loot);
    await Promise.all([attackerRoom.leave(), defenderRoom.leave()]);
  });
});
