import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missionBoard, newTown, townSchema, type MissionBoard, type Town } from '@starscape/shared';
import { battleIdOf } from '../../src/fleets/FleetArrivals';
import { probe, sleep } from '../support/roomProbe';
import { cargoOf } from '../support/townOf';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { until } from '../support/until';

const SPEED = 2000; // a patrol flight takes well under two seconds

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ gameSpeed: SPEED, autosaveMs: 100 });
});
afterAll(() => t.server.shutdown());

function fleetTown(): Town {
  const town = newTown(t.now(), SPEED);
  return {
    ...town,
    ships: { ...town.ships, fighter: 30, frigate: 6, hauler: 2 },
    stocks: { ...town.stocks, fuel: { ...town.stocks.fuel, amount: 9000 } },
  };
}

async function stored(townId: string): Promise<Town> {
  return townSchema.parse((await t.towns.load(townId))!.snapshot);
}

/**
 * The town's mission board, with at least 1.5 s before it refreshes: at this speed a board lasts 3.6 s, and a
 * mission sent as its board rolls over is refused as unknown (a flake seen in CI under load).
 */
async function steadyBoard(townId: string): Promise<MissionBoard> {
  const board = missionBoard(townId, t.now(), SPEED);
  const left = board.refreshesAt - t.now();
  if (left >= 1500) return board;
  await sleep(left + 10);
  return missionBoard(townId, t.now(), SPEED);
}

describe('a fleet on a patrol', () => {
  it('flies, fights, comes home with survivors and bounty, and lands — with the owner watching', async () => {
    const { townId } = await t.createPlayer('captain', fleetTown());
    const room = await t.join('captain', townId);
    const seen = probe(room);
    const patrol = (await steadyBoard(townId)).missions[0]!;
    room.send('fleet:dispatch', { missionId: patrol.id, ships: { fighter: 20, hauler: 1 } });
    await seen.stateWhere((s) => s.fleets?.size === 1);
    const fleetId = [...room.state.fleets.keys()][0] as string;
    expect(room.state.fighter).toBe(10);
    expect(room.state.fleets.get(fleetId).status).toBe('outbound');
    room.send('fleet:dispatch', { missionId: patrol.id, ships: { fighter: 1 } });
    expect((await seen.next('error')).code).toBe('mission/taken');

    // arrived: the battle runs live in its combat room, the fleet waits there
    await seen.stateWhere((s) => s.fleets?.get(fleetId)?.status === 'fighting', 8000);
    expect(room.state.fleets.get(fleetId).battleId).toBe(battleIdOf(fleetId));
    expect(await t.battles.get(battleIdOf(fleetId))).toMatchObject({ status: 'running' });
    await t.jumpIntoBattle(battleIdOf(fleetId)); // to its last step, instead of watching it for a minute

    await seen.stateWhere((s) => s.fleets?.get(fleetId)?.status === 'returning', 8000);
    const returning = room.state.fleets.get(fleetId);
    expect(returning.battleId).toBe(battleIdOf(fleetId));
    const battle = await t.battles.get(battleIdOf(fleetId));
    expect(battle).toMatchObject({ status: 'finished', kind: 'patrol', attackerTownId: townId });
    expect((battle!.outcome as any).winner).toBe('attacker');
    expect(returning.cargoMetal).toBeGreaterThan(0); // the bounty, as far as the holds allow
    expect((battle!.outcome as any).loot).toEqual(cargoOf(returning)); // the report keeps what was carried off

    // jump the clock to the return instead of waiting for the flight home
    t.clock.skewMs += returning.returnAt - t.now() + 100;
    room.send('upgrade:start', { building: 'solarPlant' }); // any move brings the town to now
    await seen.stateWhere((s) => (s.fleets?.size ?? 0) === 0);
    expect(room.state.fighter).toBeGreaterThan(10);
    expect(room.state.hauler).toBe(2);
    await room.leave();
  });

  it('arrives and lands on time while nobody is online, and its results apply once', async () => {
    const { townId } = await t.createPlayer('absent', fleetTown());
    const room = await t.join('absent', townId);
    const seen = probe(room);
    const patrol = (await steadyBoard(townId)).missions[1]!;
    room.send('fleet:dispatch', { missionId: patrol.id, ships: { fighter: 30, frigate: 6, hauler: 2 } });
    await seen.stateWhere((s) => s.fleets?.size === 1);
    const fleetId = [...room.state.fleets.keys()][0] as string;
    await room.leave(); // the room closes and saves; the fleet flies on
    await until(async () => !t.server.towns.isLive(townId), 'the room to close', 8000);

    await until(async () => (await stored(townId)).fleets[0]?.status === 'fighting', 'the arrival, with no room open', 8000);
    await t.jumpIntoBattle(battleIdOf(fleetId));
    await until(async () => (await stored(townId)).fleets[0]?.status === 'returning', 'the battle to end, with no client connected', 8000);
    const afterBattle = await stored(townId);
    expect(afterBattle.fleets[0]!.battleId).toBe(battleIdOf(fleetId));

    // a second delivery of the same arrival (a retry, a takeover after a crash) changes nothing
    await t.server.arrivals.handleArrival({ townId, fleetId });
    const again = await stored(townId);
    expect(again.fleets).toEqual(afterBattle.fleets);

    t.clock.skewMs += afterBattle.fleets[0]!.returnAt! - t.now() + 100; // past the return, without waiting a minute
    const back = await t.join('absent', townId); // landing happens in the rules at its own time
    const seenBack = probe(back);
    await seenBack.stateChange();
    expect(back.state.fleets?.size ?? 0).toBe(0);
    expect(back.state.hauler).toBe(2);
    await back.leave();
  });

  it('refuses fleets a player cannot send', async () => {
    const { townId } = await t.createPlayer('broke', fleetTown());
    await t.createPlayer('nosy');
    const room = await t.join('broke', townId);
    const seen = probe(room);
    const board = await steadyBoard(townId);
    for (const [payload, code] of [
      [{ missionId: board.missions[0]!.id, ships: { cruiser: 1 } }, 'fleet/not-enough-ships'],
      [{ missionId: board.missions[0]!.id, ships: {} }, 'fleet/empty'],
      [{ missionId: 'old-mission', ships: { fighter: 1 } }, 'mission/unknown'],
      [{ missionId: board.missions[2]!.id, ships: { fighter: 1 } }, null],
      [{ missionId: board.missions[0]!.id, ships: { fighter: 1.5 } }, 'message/invalid'],
      [{ missionId: board.missions[0]!.id, ships: { deathStar: 1 } }, 'message/invalid'],
    ] as const) {
      room.send('fleet:dispatch', payload);
      if (code) expect((await seen.next('error')).code).toBe(code);
    }
    const visitor = await t.join('nosy', townId);
    const seenVisitor = probe(visitor);
    visitor.send('fleet:dispatch', { missionId: board.missions[0]!.id, ships: { fighter: 1 } });
    expect((await seenVisitor.next('error')).code).toBe('auth/not-owner');
    await visitor.leave();
    await room.leave();
  });
});
