import { ERROR_MESSAGES, ServerMessage, clientMessageSchemas, newTown } from '@starscape/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GameConnection, pendingRaidTarget } from './GameConnection';
import { createGameStore } from './gameStore';
import { fakeColyseus } from './testing/fakeColyseus';
import { GameTokenError } from './tokenApi';

function townState() {
  return { toJSON: () => ({ ...newTown(0, 1), upgrade: undefined, townId: 't1', name: 'T', ownerId: 'u1', ownerName: 'U' }) };
}

function setup() {
  const store = createGameStore();
  const server = fakeColyseus({ state: townState, reconnectionToken: 'room1:tok', townId: 't1' });
  const connection = new GameConnection(store, server.options);
  return { store, ...server, connection };
}

describe('game connection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => vi.useRealTimers());

  it('joins the town from the token with the token as auth, goes live and asks for the clock', async () => {
    const { store, rooms, client, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    expect(client.auth.token).toBe('jwt');
    expect(client.joinOrCreate).toHaveBeenCalledWith('town', { townId: 't1' });
    expect(store.getState().status).toBe('live');
    expect(store.getState().view?.meta.townId).toBe('t1');
    expect(rooms[0]!.sent[0]![0]).toBe('clock');
  });

  it('takes the role and a first clock guess from Welcome, and shows server errors as toasts', async () => {
    const { store, rooms, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    rooms[0]!.serverSends(ServerMessage.Welcome, { protocol: 1, role: 'visitor', townId: 't1', serverTime: Date.now() + 5_000 });
    expect(store.getState().role).toBe('visitor');
    expect(store.getState().clock.offset).toBeCloseTo(5_000, -2);
    rooms[0]!.serverSends(ServerMessage.Error, { code: 'auth/not-owner', message: ERROR_MESSAGES['auth/not-owner'] });
    expect(store.getState().toasts.at(-1)?.text).toBe(ERROR_MESSAGES['auth/not-owner']);
  });

  it('after a drop tries the same seat first, then falls back to a fresh token and join', async () => {
    const { store, rooms, client, fetchToken, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    rooms[0]!.drop();
    expect(store.getState().status).toBe('reconnecting');
    await vi.runOnlyPendingTimersAsync();
    expect(client.reconnect).toHaveBeenCalledWith('room1:tok');
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(rooms).toHaveLength(2);
    expect(store.getState().status).toBe('live');
  });

  it('backs off while the server is down and says offline after several failures', async () => {
    const { store, client, connection } = setup();
    client.joinOrCreate.mockRejectedValue(new Error('connect ECONNREFUSED'));
    connection.start();
    for (let i = 0; i < 7; i++) await vi.runOnlyPendingTimersAsync();
    expect(store.getState().status).toBe('offline');
    expect(store.getState().problem?.message).toBe('Cannot reach the game server.');
    expect(store.getState().retryAt).not.toBeNull();
  });

  it('gives up, without retrying, when the session has ended', async () => {
    const { store, fetchToken, connection } = setup();
    fetchToken.mockRejectedValue(new GameTokenError('Sign in to play.', true));
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    await vi.runOnlyPendingTimersAsync();
    expect(store.getState().status).toBe('offline');
    expect(store.getState().problem).toEqual({ message: 'Sign in to play.', fatal: true, signedOut: true });
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('sends commands only while live, and marks them pending until answered', async () => {
    const { store, rooms, connection } = setup();
    connection.startUpgrade('metalMine');
    expect(store.getState().toasts.at(-1)?.tone).toBe('error');
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    connection.startUpgrade('metalMine');
    expect(rooms[0]!.sent.at(-1)).toEqual(['upgrade:start', { building: 'metalMine' }]);
    expect(store.getState().pending).toEqual({ kind: 'upgrade', building: 'metalMine' });
    connection.cancelUpgrade();
    expect(rooms[0]!.sent.at(-1)).toEqual(['upgrade:cancel', {}]);
  });

  it('orders ships and cancels shipyard orders by their id, pending until answered', async () => {
    const { store, rooms, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    connection.orderShips('fighter', 12);
    expect(rooms[0]!.sent.at(-1)).toEqual(['shipyard:order', { ship: 'fighter', count: 12 }]);
    expect(store.getState().pending).toEqual({ kind: 'order', ship: 'fighter' });
    connection.cancelShipOrder(2);
    expect(rooms[0]!.sent.at(-1)).toEqual(['shipyard:cancel', { orderId: 2 }]);
    expect(store.getState().pending).toEqual({ kind: 'cancelOrder', orderId: 2 });
    for (const [type, payload] of rooms[0]!.sent.slice(-2)) {
      expect(clientMessageSchemas[type as keyof typeof clientMessageSchemas].safeParse(payload).success).toBe(true);
    }
    await vi.advanceTimersByTimeAsync(8_000);
    expect(store.getState().pending).toBeNull(); // no answer: stops showing as pending
  });

  it('dispatches a fleet on a mission, pending until answered', async () => {
    const { store, rooms, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    connection.dispatchFleet('7-0', { fighter: 4, hauler: 1 });
    expect(rooms[0]!.sent.at(-1)).toEqual(['fleet:dispatch', { missionId: '7-0', ships: { fighter: 4, hauler: 1 } }]);
    expect(clientMessageSchemas['fleet:dispatch'].safeParse(rooms[0]!.sent.at(-1)![1]).success).toBe(true);
    expect(store.getState().pending).toEqual({ kind: 'dispatch', missionId: '7-0' });
  });

  it('sends a raid on another starbase, pending until answered', async () => {
    const { store, rooms, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    connection.raid('town-rex', { fighter: 6 });
    expect(rooms[0]!.sent.at(-1)).toEqual(['fleet:raid', { targetTownId: 'town-rex', ships: { fighter: 6 } }]);
    expect(clientMessageSchemas['fleet:raid'].safeParse(rooms[0]!.sent.at(-1)![1]).success).toBe(true);
    expect(pendingRaidTarget(store.getState().pending)).toBe('town-rex');
    expect(pendingRaidTarget({ kind: 'dispatch', missionId: '7-0' })).toBeNull();
    expect(pendingRaidTarget(null)).toBeNull();
  });

  it('leaves the room on stop and does not come back', async () => {
    const { rooms, client, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    connection.stop();
    expect(rooms[0]!.left).toBe(true);
    rooms[0]!.drop(4000);
    await vi.runOnlyPendingTimersAsync();
    expect(client.joinOrCreate).toHaveBeenCalledTimes(1);
  });

  it('leaves a room that finishes joining after stop', async () => {
    const { rooms, connection } = setup();
    connection.start();
    connection.stop();
    await vi.runOnlyPendingTimersAsync();
    expect(rooms).toHaveLength(1);
    expect(rooms[0]!.left).toBe(true);
  });
});
