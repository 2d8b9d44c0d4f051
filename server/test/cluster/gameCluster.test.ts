import type { Room } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTown, storedBattleOutcomeSchema, townSchema, type Town } from '@starscape/shared';
import { serviceAvailable } from '../../../scripts/services/availability';
import { postgresCheck } from '../../../scripts/services/postgres';
import { redisCheck } from '../../../scripts/services/redis';
import { battleIdOf } from '../../src/battles/battleIds';
import { DEFAULT_TOWN_HOSTS, TownHosts } from '../../src/towns/townHosts';
import { probe } from '../support/roomProbe';
import { ordersSeen } from '../support/ordersSeen';
import { cargoOf } from '../support/townOf';
import { startGameCluster, type GameCluster, type GameProcess } from './support/gameCluster';
import { until } from '../support/until';

const SPEED = 2000; // a raid flies in under 3 s
const available =
  serviceAvailable(redisCheck(), 'the game cluster tests (several processes sharing Redis and PostgreSQL)') &&
  serviceAvailable(postgresCheck(), 'the game cluster tests (several processes sharing Redis and PostgreSQL)');

/** A starbase founded an hour ago (no newcomer protection) with a shipyard, full stores and some fighters. */
function establishedTown(fighters: number): Town {
  const town = newTown(Date.now() - 3_600_000, SPEED);
  const full = (r: 'metal' | 'crystal' | 'fuel') => ({ ...town.stocks[r], amount: Math.floor(town.stocks[r].cap * 0.9) });
  return {
    ...town,
    buildings: { ...town.buildings, shipyard: 1 },
    ships: { ...town.ships, fighter: fighters },
    stocks: { ...town.stocks, metal: full('metal'), crystal: full('crystal'), fuel: full('fuel') },
  };
}

describe.skipIf(!available)('two game server processes sharing Redis and PostgreSQL', () => {
  let cluster: GameCluster;
  let a: GameProcess;
  let b: GameProcess;
  const open: Room[] = [];
  const track = (room: Room) => (open.push(room), room);

  beforeAll(async () => {
    cluster = await startGameCluster({ processes: 2, gameSpeed: SPEED });
    [a, b] = cluster.processes as [GameProcess, GameProcess];
  }, 120_000);
  afterAll(async () => {
    await Promise.all(open.filter((room) => room.connection.isOpen).map((room) => room.leave().catch(() => undefined)));
    await cluster?.stop();
  }, 60_000);

  const hosts = new TownHosts(DEFAULT_TOWN_HOSTS); // as the processes run (TOWN_HOSTS unset)

  it('gives a town one live host in the cluster, even when its owner joins through both processes at the same moment', async () => {
    for (let i = 0; i < 6; i++) {
      const { userId, townId } = await cluster.createPlayer(`Twin${i}`, establishedTown(0));
      const [viaA, viaB] = await Promise.all([cluster.joinTown(a, userId, townId), cluster.joinTown(b, userId, townId)]);
      track(viaA);
      track(viaB);
      expect(viaA.roomId).toBe(hosts.roomIdOf(townId));
      expect(viaB.roomId).toBe(viaA.roomId);
      // both seats are in the same live town: an order through one shows on the other
      const seenB = probe(viaB);
      viaA.send('shipyard:order', { ship: 'fighter', count: 1 });
      await seenB.stateWhere((s) => ordersSeen(s).length === 1, 5000);
      expect(await cluster.holderOf(viaA.roomId)).not.toBeNull();
      await Promise.all([viaA.leave(), viaB.leave()]); // an empty host closes, so the next tests place theirs afresh
    }
  });

  it('lists each town host with its town count in the room listing every process shares (the monitor shows it)', async () => {
    // two towns of one host, joined through different processes
    const seen = new Map<string, { userId: string; townId: string }>();
    let pair: Array<{ userId: string; townId: string }> | undefined;
    for (let i = 0; !pair && i < 60; i++) {
      const player = await cluster.createPlayer(`Listed${i}`, establishedTown(0));
      const host = hosts.roomIdOf(player.townId);
      const other = seen.get(host);
      if (other) pair = [other, player];
      else seen.set(host, player);
    }
    expect(pair, 'two of 60 towns share one of 64 hosts').toBeDefined();
    const [first, second] = pair!;
    const hostId = hosts.roomIdOf(first!.townId);
    const listedTowns = async () => (JSON.parse((await cluster.redis!.hget('roomcaches', hostId)) ?? '{}') as { metadata?: { towns?: number } }).metadata?.towns;
    const listed = (towns: number) => until(async () => (await listedTowns()) === towns, `the host listed with ${towns} town(s)`);
    const one = track(await cluster.joinTown(a, first!.userId, first!.townId));
    await listed(1);
    const two = track(await cluster.joinTown(b, second!.userId, second!.townId));
    expect(two.roomId).toBe(one.roomId);
    await listed(2);
    await two.leave();
    await listed(1);
    await one.leave();
  });

  it('carries a raid between towns whose hosts live in different processes: arrival, battle and results reach both live towns once', async () => {
    const raider = await cluster.createPlayer('Corsair', establishedTown(20));
    let keeper = await cluster.createPlayer('Warden', establishedTown(1));
    // towns in one host live in one process: the defender needs a host of its own
    for (let i = 1; hosts.keyOf(keeper.townId) === hosts.keyOf(raider.townId); i++) keeper = await cluster.createPlayer(`Warden${i}`, establishedTown(1));
    const attackerRoom = track(await cluster.joinTown(a, raider.userId, raider.townId));
    let defenderRoom = track(await cluster.joinTown(b, keeper.userId, keeper.townId));
    // hosts are placed on the process with the fewest rooms: make sure the two towns are apart
    for (let i = 0; i < 10 && (await cluster.holderOf(defenderRoom.roomId)) === (await cluster.holderOf(attackerRoom.roomId)); i++) {
      await defenderRoom.leave();
      await new Promise((r) => setTimeout(r, 300));
      defenderRoom = track(await cluster.joinTown(i % 2 ? a : b, keeper.userId, keeper.townId));
    }
    const [attackerHolder, defenderHolder] = [await cluster.holderOf(attackerRoom.roomId), await cluster.holderOf(defenderRoom.roomId)];
    expect(attackerHolder).not.toBeNull();
    expect(defenderHolder).not.toBe(attackerHolder);

    const closes: number[] = [];
    attackerRoom.onLeave((code) => closes.push(code));
    defenderRoom.onLeave((code) => closes.push(code));
    const seenA = probe(attackerRoom);
    const seenD = probe(defenderRoom);
    await seenD.stateWhere((s) => s.fighter === 1, 5000);

    attackerRoom.send('fleet:raid', { targetTownId: keeper.townId, ships: { fighter: 20 } });
    await seenA.stateWhere((s) => s.fleets?.size === 1, 5000);
    const fleetId = [...attackerRoom.state.fleets.keys()][0] as string;
    const battleId = battleIdOf(fleetId);
    // the arrival is handled by whichever process polls first; one of the two towns is remote to it
    await seenD.stateWhere((s) => s.defenses?.has(battleId), 15_000);
    await seenA.stateWhere((s) => s.fleets?.get(fleetId)?.status === 'returning', 60_000);
    await seenD.stateWhere((s) => (s.defenses?.size ?? 0) === 0, 10_000);

    // the record is marked settled right after the towns got their results
    let battle = await cluster.prisma.battle.findUniqueOrThrow({ where: { id: battleId } });
    for (let i = 0; i < 50 && !battle.resultsAppliedAt; i++) {
      await new Promise((r) => setTimeout(r, 100));
      battle = await cluster.prisma.battle.findUniqueOrThrow({ where: { id: battleId } });
    }
    expect(battle.resultsAppliedAt).not.toBeNull();
    const outcome = storedBattleOutcomeSchema.parse(JSON.parse(String(battle.outcome)));
    expect(outcome.winner).toBe('attacker');
    expect(defenderRoom.state.fighter).toBe(1 - outcome.losses.defender.fighter);
    expect(cargoOf(attackerRoom.state.fleets.get(fleetId))).toEqual(outcome.loot);
    expect(closes).toEqual([]); // no room lost its town to another writer (that closes with 4409)
  }, 120_000);

  it('saves every town of a process stopped with SIGTERM, and serves them again through the other process', async () => {
    const players = await Promise.all(Array.from({ length: 8 }, (_, i) => cluster.createPlayer(`Settler${i}`, establishedTown(0))));
    const rooms = await Promise.all(players.map((p, i) => cluster.joinTown(i % 2 ? a : b, p.userId, p.townId)));
    await Promise.all(
      rooms.map(async (room) => {
        const seen = probe(room);
        room.send('shipyard:order', { ship: 'fighter', count: 2 });
        await seen.stateWhere((s) => ordersSeen(s).length === 1, 5000);
      }),
    );
    const holders = await Promise.all(rooms.map((room) => cluster.holderOf(room.roomId)));
    // Colyseus creates a room on the process with the fewest rooms as the processes last reported them, so towns
    // joined at the same moment may all land on one process: the one stopped is one that holds some
    const stopped = holders.includes(a) ? a : b;
    const survivor = stopped === a ? b : a;
    const onStopped = players.filter((_, i) => holders[i] === stopped);
    expect(onStopped.length).toBeGreaterThan(0);

    // autosave is 10 minutes here: only the shutdown save can have stored these orders
    expect(await stopped.kill('SIGTERM')).toBe(0);
    for (const { townId } of onStopped) {
      const row = await cluster.prisma.town.findUniqueOrThrow({ where: { id: townId } });
      const stored = townSchema.parse(JSON.parse(String(row.snapshot)));
      expect(stored.shipyard.map((o) => [o.ship, o.remaining])).toEqual([['fighter', 2]]);
    }
    // the rooms of the stopped process are closed already (leave() on them would wait forever)
    await Promise.all(rooms.filter((room) => room.connection.isOpen).map((room) => room.leave()));
    for (const { userId, townId } of onStopped) {
      const back = track(await cluster.joinTown(survivor, userId, townId));
      const seen = probe(back);
      await seen.stateWhere((s) => ordersSeen(s).length === 1, 5000);
      expect(await cluster.holderOf(back.roomId)).toBe(survivor);
    }
  }, 120_000);
});
