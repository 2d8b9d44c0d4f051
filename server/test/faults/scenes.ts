import {
  CombatClientMessage,
  GalaxyClientMessage,
  battleStateSchema,
  clientMessageSchemas,
  cloneBattle,
  combatClientMessageSchemas,
  combatOrderSchema,
  createBattle,
  galaxyClientMessageSchemas,
  newTown,
  ordersByStep,
  stepInPlace,
  type BattleState,
} from '@starscape/shared';
import { z } from 'zod';
import { POSITION_DEADBAND } from '../../src/rooms/schema/writeCombatState';
import { sleep } from '../support/roomProbe';
import type { TestServer } from '../support/startTestServer';
import type { Protocol } from './fuzz';
import { seat, until, type Scene, type Seat } from './harness';

/**
 * The three rooms, each set up with a fuzzed connection and a bystander, and what "unchanged" means for each.
 * `tag` keeps players and battles of several scenes on one server apart.
 */

export const townProtocol: Protocol = {
  schemas: clientMessageSchemas,
  samples: {
    'upgrade:start': [{ building: 'metalMine' }, { building: 'shipyard' }],
    'upgrade:cancel': [undefined, {}],
    'shipyard:order': [{ ship: 'fighter', count: 5 }, { ship: 'hauler', count: 1000 }],
    'shipyard:cancel': [{ orderId: 1 }],
    'fleet:dispatch': [{ missionId: 'mission-1', ships: { fighter: 2, scout: 1 } }],
    'fleet:raid': [{ targetTownId: 'town-1', ships: { fighter: 1 } }],
    clock: [{ clientTime: 1_700_000_000_000 }],
  },
};

export const combatProtocol: Protocol = {
  schemas: combatClientMessageSchemas,
  samples: {
    'combat:order': [{ kind: 'focus', targetId: 3 }, { kind: 'retreat' }, { kind: 'engage' }],
    clock: [{ clientTime: 1_700_000_000_000 }],
  },
};

export const galaxyProtocol: Protocol = {
  schemas: galaxyClientMessageSchemas,
  samples: {
    'chat:send': [
      { channel: 'sector', text: 'hello' },
      { channel: 'galaxy', text: 'hello all' },
    ],
    'chat:mute': [{ userId: 'someone', muted: true }],
    clock: [{ clientTime: 1_700_000_000_000 }],
  },
};

/** Leaves with both connections; one the server already closed does not hold it up. */
async function leaveAll(...seats: Seat[]): Promise<void> {
  await Promise.race([Promise.all(seats.filter((s) => s.closedWith === null).map((s) => s.room.leave().catch(() => undefined))), sleep(1000)]);
}

async function joined(room: Seat['room']): Promise<Seat> {
  const s = seat(room);
  await s.seen.stateWhere((state) => state !== undefined && Object.keys(state.toJSON()).length > 0);
  return s;
}

/** The owner fuzzes their own starbase (some ships docked, no shipyard), a visitor looks on. */
export async function townScene(t: TestServer, tag: string): Promise<Scene & { townId: string; ownerId: string }> {
  const ownerId = `owner-${tag}`;
  const visitorId = `visitor-${tag}`;
  const fresh = newTown(t.now(), 1);
  const { townId } = await t.createPlayer(ownerId, { ...fresh, ships: { ...fresh.ships, fighter: 10, scout: 2 } });
  await t.createPlayer(visitorId);
  const bystander = await joined(await t.join(visitorId, townId));
  let round = 0;
  const scene = {
    name: 'town',
    townId,
    ownerId,
    protocol: townProtocol,
    fuzzed: await joined(await t.join(ownerId, townId)),
    bystander,
    async reconnectFuzzed() {
      scene.fuzzed = await joined(await t.join(ownerId, townId));
      return scene.fuzzed;
    },
    async snapshot() {
      return structuredClone({
        state: bystander.room.state.toJSON(),
        ownerState: scene.fuzzed.room.state.toJSON(),
        stored: await t.towns.load(townId),
        live: await t.server.towns.read(townId),
      });
    },
    async settle() {
      await sleep(250); // the autosave (100 ms in these tests) would have stored any change
    },
    async proveServing() {
      // the owner starts an upgrade and cancels it (the visitor is not shown upgrades), and the visitor's
      // clock request is answered
      const building = ++round % 2 ? 'metalMine' : 'crystalMine';
      scene.fuzzed.room.send('upgrade:start', { building });
      await scene.fuzzed.seen.stateWhere((s) => s.upgrade?.building === building);
      scene.fuzzed.room.send('upgrade:cancel');
      await scene.fuzzed.seen.stateWhere((s) => !s.upgrade);
      bystander.room.send('clock', { clientTime: Date.now() });
      await bystander.seen.next('clock');
    },
    async close() {
      await leaveAll(scene.fuzzed, bystander);
    },
  };
  return scene;
}

/**
 * The attacker's commander fuzzes a running battle (haulers and scouts: it runs its full 5 minutes, ships
 * moving all along), a spectator watches. Unchanged means: no order recorded or shown, and the units the
 * spectator sees are exactly the replay of the record up to the step it shows.
 */
export async function combatScene(t: TestServer, tag: string): Promise<Scene & { battleId: string; initial: BattleState }> {
  const attacker = await t.createPlayer(`commander-${tag}`);
  const defender = await t.createPlayer(`keeper-${tag}`);
  const spectatorId = `spectator-${tag}`;
  await t.createPlayer(spectatorId);
  const battleId = `b-faults-${tag}`;
  const initial = createBattle({ seed: 77, attacker: { ships: { hauler: 4, scout: 3 } }, defender: { ships: { hauler: 4, scout: 3 }, defenseStrength: 0 } });
  await t.battles.create({ id: battleId, seed: 77, startedAt: new Date(t.now()), attackerTownId: attacker.townId, defenderTownId: defender.townId, kind: 'raid', initial });
  await t.server.battles.open(battleId);
  const enemies = initial.ships.filter((s) => s.side === 'defender').map((s) => s.id);
  const watched = async (userId: string) => {
    const s = seat(await t.watch(userId, battleId));
    await s.seen.stateWhere((state) => state.ships?.size === initial.ships.length);
    return s;
  };
  const bystander = await watched(spectatorId);
  const recorded = async () => z.array(combatOrderSchema).parse((await t.battles.get(battleId))!.orders);
  let orderCount = 0;

  /** Whether the spectator's units are the record's replay at the step shown. */
  async function replayMatches(): Promise<string> {
    const state = bystander.room.state;
    const battle = cloneBattle(battleStateSchema.parse(initial));
    const orders = ordersByStep(await recorded());
    while (battle.winner === null && battle.step < state.step) stepInPlace(battle, orders.get(battle.step) ?? []);
    for (const ship of battle.ships) {
      const live = state.ships.get(String(ship.id));
      const seen = [live?.hull, live?.shield, live?.status, live?.target];
      const replayed = [ship.hull, ship.shield, ship.status, ship.target];
      // positions are sent once they drift POSITION_DEADBAND from the last one sent
      const near = live && Math.abs(live.x - ship.x) < POSITION_DEADBAND && Math.abs(live.y - ship.y) < POSITION_DEADBAND;
      if (!near || JSON.stringify(seen) !== JSON.stringify(replayed)) {
        return `ship ${ship.id} at step ${state.step}: shown ${JSON.stringify([live?.x, live?.y, ...seen])}, replay ${JSON.stringify([ship.x, ship.y, ...replayed])}`;
      }
    }
    return 'replay matches';
  }

  const scene = {
    name: 'combat',
    battleId,
    initial,
    protocol: combatProtocol,
    fuzzed: await watched(attacker.userId),
    bystander,
    async reconnectFuzzed() {
      scene.fuzzed = await watched(attacker.userId);
      return scene.fuzzed;
    },
    async snapshot() {
      const record = (await t.battles.get(battleId))!;
      const state = bystander.room.state.toJSON();
      return structuredClone({
        record: { status: record.status, orders: record.orders, initial: record.initial },
        state: { battleId: state.battleId, kind: state.kind, startedAt: state.startedAt, winner: state.winner, attacker: state.attacker, defender: state.defender, orders: state.orders },
        units: await replayMatches(),
      });
    },
    // at least one patch, so the state shown is the latest one
    async settle() {
      await bystander.seen.stateChange(1, 2000);
    },
    async proveServing() {
      const target = enemies[orderCount % enemies.length]!;
      orderCount++;
      const before = bystander.room.state.orders.length;
      scene.fuzzed.room.send(CombatClientMessage.Order, { kind: 'focus', targetId: target });
      await bystander.seen.stateWhere((s) => s.orders.length === before + 1 && s.orders.at(-1).targetId === target);
      await scene.fuzzed.seen.stateWhere((s) => s.orders.length === before + 1);
      await until(async () => (await recorded()).length === before + 1, 'the order to be recorded');
    },
    async close() {
      await leaveAll(scene.fuzzed, bystander);
    },
  };
  return scene;
}

/** Two players of one sector: one fuzzes the sector's room, the other looks at the map and chats. */
export async function galaxyScene(t: TestServer, tag: string): Promise<Scene & { sector: number; fuzzedId: string; bystanderId: string }> {
  const a = await t.createPlayer(`pilot-${tag}`);
  const b = await t.createPlayer(`neighbour-${tag}`);
  const sector = (await t.towns.load(a.townId))!.sector!;
  if ((await t.towns.load(b.townId))!.sector !== sector) throw new Error('the two players of a galaxy scene must share a sector');
  const browsing = async (userId: string) => {
    const s = seat(await t.browse(userId, sector));
    await s.seen.stateWhere((state) => state.towns?.has(a.townId) && state.towns?.has(b.townId));
    return s;
  };
  const bystander = await browsing(b.userId);
  let said = 0;
  const scene = {
    name: 'galaxy',
    sector,
    fuzzedId: a.userId,
    bystanderId: b.userId,
    protocol: galaxyProtocol,
    fuzzed: await browsing(a.userId),
    bystander,
    async reconnectFuzzed() {
      scene.fuzzed = await browsing(a.userId);
      return scene.fuzzed;
    },
    async snapshot() {
      return structuredClone({
        state: bystander.room.state.toJSON(),
        fuzzedState: scene.fuzzed.room.state.toJSON(),
        sectorChat: await t.chat.recent(`sector:${sector}`, 1000),
        galaxyChat: await t.chat.recent('galaxy', 1000),
        mutes: [await t.chat.mutes(a.userId), await t.chat.mutes(b.userId)],
      });
    },
    async settle() {
      // the fuzzed player is shown online again (after a reconnect), and a refresh (200 ms here) has run
      await until(() => bystander.room.state.towns.get(a.townId)?.online === true, 'the fuzzed player to show online');
      await sleep(300);
    },
    async proveServing() {
      for (const [speaker, other] of [
        [bystander, scene.fuzzed],
        [scene.fuzzed, bystander],
      ] as const) {
        const text = `still here ${++said}`;
        speaker.room.send(GalaxyClientMessage.Chat, { channel: 'sector', text });
        await speaker.seen.stateWhere((s) => s.sectorChat.at(-1)?.text === text);
        await other.seen.stateWhere((s) => s.sectorChat.at(-1)?.text === text);
      }
    },
    async close() {
      await leaveAll(scene.fuzzed, bystander);
    },
  };
  return scene;
}
