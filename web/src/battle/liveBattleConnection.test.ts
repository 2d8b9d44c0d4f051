import { battleView, createBattle, ERROR_MESSAGES, type LiveBattleShip, type LiveBattleState } from '@starscape/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeColyseus } from '../game/session/testing/fakeColyseus';
import { GameTokenError } from '../game/session/tokenApi';
import { classifyLiveJoinError, LiveBattleConnection } from './liveBattleConnection';
import { createLiveStore } from './liveBattleStore';

function liveState(step = 10): LiveBattleState {
  const battle = createBattle({ seed: 5, attacker: { ships: { fighter: 3 } }, defender: { ships: { fighter: 2 } } });
  const ships = new Map<string, LiveBattleShip>();
  for (const { shot: _s, hit: _h, ...ship } of battleView(battle).ships) ships.set(String(ship.id), ship);
  return {
    battleId: 'b-1',
    kind: 'patrol',
    startedAt: 0,
    stepMs: 100,
    step,
    maxSteps: 3000,
    winner: '',
    width: battle.width,
    height: battle.height,
    attacker: { townId: 't-1', name: "Vega's Starbase", retreating: false, focus: -1 },
    defender: { townId: '', name: 'Pirates', retreating: false, focus: -1 },
    ships,
    orders: [],
  };
}

function setup() {
  const store = createLiveStore();
  const server = fakeColyseus({ state: () => liveState(), reconnectionToken: 'b-1:seat', townId: 't-1' });
  let now = 0;
  const connection = new LiveBattleConnection('b-1', store, { ...server.options, now: () => (now += 100) });
  return { store, ...server, connection };
}

describe('the live battle connection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => vi.useRealTimers());

  it('joins the battle’s room by its id with the game token, goes live and mirrors the state', async () => {
    const { store, rooms, client, connection } = setup();
    connection.start();
    expect(store.getState().status).toBe('connecting');
    await vi.runOnlyPendingTimersAsync();
    expect(client.auth.token).toBe('jwt');
    expect(client.joinById).toHaveBeenCalledWith('b-1');
    expect(store.getState().status).toBe('live');
    expect(store.getState().hud).toMatchObject({ step: 10, winner: null, names: { attacker: "Vega's Starbase", defender: 'Pirates' } });
    expect(store.getState().hud?.standing.attacker).toMatchObject({ active: 3, total: 3 });
    expect(connection.stream.latest?.step).toBe(10);
    rooms[0]!.patch({ step: 13 });
    expect(store.getState().hud?.step).toBe(13);
    expect(connection.stream.latest?.step).toBe(13);
  });

  it('takes the viewer’s role from the welcome and shows a refused order’s reason', async () => {
    const { store, rooms, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    rooms[0]!.serverSends('welcome', { protocol: 1, battleId: 'b-1', role: 'attacker', serverTime: 0 });
    expect(store.getState().role).toBe('attacker');
    connection.order({ kind: 'retreat' });
    expect(rooms[0]!.sent).toEqual([['combat:order', { kind: 'retreat' }]]);
    expect(store.getState().pending).toBe('retreat');
    rooms[0]!.serverSends('error', { code: 'combat/past-step', message: 'x', request: 'combat:order' });
    expect(store.getState().refusal).toBe(ERROR_MESSAGES['combat/past-step']);
    expect(store.getState().pending).toBeNull();
  });

  it('an order stops being pending once the state lists it', async () => {
    const { store, rooms, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    rooms[0]!.serverSends('welcome', { protocol: 1, battleId: 'b-1', role: 'attacker', serverTime: 0 });
    connection.order({ kind: 'focus', targetId: 3 });
    expect(rooms[0]!.sent).toEqual([['combat:order', { kind: 'focus', targetId: 3 }]]);
    rooms[0]!.patch({ step: 12, orders: [{ step: 11, side: 'attacker' as const, kind: 'focus' as const, targetId: 3 }], attacker: { ...rooms[0]!.state.attacker, focus: 3 } });
    expect(store.getState().pending).toBeNull();
    expect(store.getState().hud?.orders).toEqual([{ step: 11, side: 'attacker', kind: 'focus', targetId: 3 }]);
    expect(store.getState().hud?.sides.attacker.focus).toBe(3);
  });

  it('explains at once an order that cannot work, without sending it', async () => {
    const { store, rooms, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    rooms[0]!.serverSends('welcome', { protocol: 1, battleId: 'b-1', role: 'attacker', serverTime: 0 });
    connection.order({ kind: 'focus', targetId: 0 }); // an attacker's own ship
    expect(store.getState().refusal).toBe(ERROR_MESSAGES['combat/own-target']);
    connection.order({ kind: 'focus', targetId: 99 });
    expect(store.getState().refusal).toBe(ERROR_MESSAGES['combat/unknown-target']);
    rooms[0]!.serverSends('welcome', { protocol: 1, battleId: 'b-1', role: 'spectator', serverTime: 0 });
    connection.order({ kind: 'retreat' });
    expect(store.getState().refusal).toBe(ERROR_MESSAGES['combat/not-a-combatant']);
    expect(rooms[0]!.sent).toEqual([]);
  });

  it('after a drop mid-battle tries the same seat first, then joins again', async () => {
    const { store, rooms, client, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    rooms[0]!.drop();
    expect(store.getState().status).toBe('reconnecting');
    await vi.runOnlyPendingTimersAsync();
    expect(client.reconnect).toHaveBeenCalledWith('b-1:seat');
    expect(client.joinById).toHaveBeenCalledTimes(2);
    expect(store.getState().status).toBe('live');
  });

  it('when the battle is decided and its room closes, it is over: no reconnecting', async () => {
    const { store, rooms, client, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    rooms[0]!.patch({ step: 140, winner: 'attacker' });
    expect(store.getState().hud?.winner).toBe('attacker');
    rooms[0]!.drop(4000);
    expect(store.getState().status).toBe('over');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(client.reconnect).not.toHaveBeenCalled();
    expect(client.joinById).toHaveBeenCalledTimes(1);
  });

  it('a room that does not exist means the battle is over; a signed-out player is told to log in', async () => {
    const gone = setup();
    gone.client.joinById.mockRejectedValueOnce(Object.assign(new Error('room "b-1" not found'), { code: 4212 }));
    gone.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(gone.store.getState().status).toBe('over');

    const out = setup();
    out.fetchToken.mockRejectedValueOnce(new GameTokenError('You were logged out.', true));
    out.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(out.store.getState()).toMatchObject({ status: 'offline', problem: { signedOut: true } });
  });

  it('stops for good: leaves the room and joins nothing more', async () => {
    const { rooms, client, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    const leave = vi.spyOn(rooms[0]!, 'leave');
    connection.stop();
    expect(leave).toHaveBeenCalled();
    rooms[0]!.drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(client.joinById).toHaveBeenCalledTimes(1);
  });
});

describe('join failures', () => {
  it('sorts them into over, fatal and worth retrying', () => {
    expect(classifyLiveJoinError(Object.assign(new Error('room "x" has been disposed.'), { code: 4212 }))).toEqual({ kind: 'gone' });
    expect(classifyLiveJoinError(new Error(`combat/not-found: ${ERROR_MESSAGES['combat/not-found']}`))).toEqual({ kind: 'gone' });
    expect(classifyLiveJoinError(new GameTokenError('logged out', true))).toEqual({ kind: 'fatal', message: 'logged out', signedOut: true });
    expect(classifyLiveJoinError(new Error('auth/expired-token: old'))).toEqual({ kind: 'retry', message: ERROR_MESSAGES['auth/expired-token'] });
    expect(classifyLiveJoinError(new Event('error'))).toEqual({ kind: 'retry', message: 'Cannot reach the game server.' });
  });
});
