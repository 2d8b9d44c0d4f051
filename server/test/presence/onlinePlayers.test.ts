import { EventEmitter } from 'node:events';
import { LocalPresence, type Client, type Room } from '@colyseus/core';
import { describe, expect, it, vi } from 'vitest';
import type { ClusterClaims } from '../../src/cluster/ClusterClaims';
import { createLogger } from '../../src/logger';
import { OnlinePlayers } from '../../src/presence/OnlinePlayers';

/** A room as `leave` sees it: a seat it can hold (a deferred the test settles) and its join event. */
function fakeRoom() {
  const seats: Array<{ resolve(client: unknown): void; reject(reason?: unknown): void }> = [];
  const room = {
    _events: new EventEmitter(),
    allowReconnection: vi.fn(() => {
      let settle!: { resolve(client: unknown): void; reject(reason?: unknown): void };
      const promise = new Promise((resolve, reject) => (settle = { resolve, reject }));
      seats.push(settle);
      return Object.assign(promise, settle);
    }),
  };
  return { room: room as unknown as Room, seats, allowReconnection: room.allowReconnection };
}

const client = (userId: string) => ({ sessionId: `s-${userId}`, auth: { userId, name: userId } }) as unknown as Client;

function players() {
  const presence = new LocalPresence();
  const online = new OnlinePlayers({ processId: 'p1' } as ClusterClaims, createLogger('error'), () => presence);
  return { online, isOnline: async (id: string) => (await online.whoIsOnline([id])).has(id) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('OnlinePlayers.leave', () => {
  it('holds the seat before anything else, and counts a return within the grace as connected again', async () => {
    const { online, isOnline } = players();
    const { room, seats, allowReconnection } = fakeRoom();
    await online.connected('ada');
    const leaving = online.leave(room, client('ada'), 'ada', false, 30);
    expect(allowReconnection).toHaveBeenCalledWith(expect.anything(), 30); // synchronously: a quick return finds it
    await tick();
    expect(await isOnline('ada')).toBe(false);
    seats[0]!.resolve(client('ada'));
    await leaving;
    expect(await isOnline('ada')).toBe(true);
  });

  it('releases the held seat at once when the same player joins the room afresh (a reloaded page)', async () => {
    const { online, isOnline } = players();
    const { room, allowReconnection } = fakeRoom();
    await online.connected('ada');
    const rejected = vi.fn();
    const leaving = online.leave(room, client('ada'), 'ada', false, 30);
    await tick();
    const reject = vi.spyOn(allowReconnection.mock.results[0]!.value as { reject(reason?: unknown): void }, 'reject');
    room._events.emit('join', client('bob')); // someone else: the seat stays
    expect(reject).not.toHaveBeenCalled();
    await online.connected('ada'); // the reloaded page's onJoin
    room._events.emit('join', client('ada'));
    expect(reject).toHaveBeenCalledTimes(1);
    await leaving.then(undefined, rejected);
    expect(rejected).not.toHaveBeenCalled();
    expect(await isOnline('ada')).toBe(true); // counted once, by the new connection
    expect(room._events.listenerCount('join')).toBe(0);
  });

  it('holds nothing after a consented leave or with no grace, and survives a seat refused at once', async () => {
    const { online, isOnline } = players();
    const { room, allowReconnection } = fakeRoom();
    await online.connected('ada');
    await online.leave(room, client('ada'), 'ada', true, 30);
    await online.connected('ada');
    await online.leave(room, client('ada'), 'ada', false, 0);
    expect(allowReconnection).not.toHaveBeenCalled();
    expect(await isOnline('ada')).toBe(false);

    allowReconnection.mockImplementationOnce(() => Promise.reject(new Error('disposing')) as never);
    await online.connected('ada');
    await online.leave(room, client('ada'), 'ada', false, 30);
    expect(await isOnline('ada')).toBe(false);
  });
});
