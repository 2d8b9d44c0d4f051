import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoomLink } from './roomLink';
import { fakeColyseus } from './testing/fakeColyseus';

// Joining, reconnecting into the seat, stop and drops are covered through GameConnection and
// LiveBattleConnection; these are the parts of the lifecycle neither of their tests reaches.
function setup() {
  const server = fakeColyseus({ state: () => ({}), reconnectionToken: 'r-1:seat', townId: 't-1' });
  const createClient = vi.fn(server.options.createClient);
  const failed = vi.fn((_error: unknown) => link.retryIn(60_000));
  const link: RoomLink = new RoomLink(
    { join: (client) => client.joinById('r-1'), attached: vi.fn(), failed, dropped: vi.fn() },
    { fetchToken: server.fetchToken, createClient },
  );
  return { ...server, createClient, failed, link };
}

describe('a room link', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('retries at once when asked instead of waiting, and not at all while live or after stop', async () => {
    const { client, failed, link } = setup();
    client.joinById.mockRejectedValueOnce(new Error('connect ECONNREFUSED'));
    link.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(failed).toHaveBeenCalledTimes(1);
    expect(link.retryNow()).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(link.room).not.toBeNull();
    expect(link.retryNow()).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000); // the wait it skipped does not join again
    expect(client.joinById).toHaveBeenCalledTimes(2);
    link.stop();
    expect(link.retryNow()).toBe(false);
  });

  it('joins again quietly while another server opens or closes the room, and reports other refusals at once', async () => {
    const { client, failed, link } = setup();
    const elsewhere = () => new Error('server/room-elsewhere: This place is being opened on another server.');
    client.joinById.mockRejectedValueOnce(elsewhere()).mockRejectedValueOnce(elsewhere());
    link.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(client.joinById).toHaveBeenCalledTimes(3);
    expect(failed).not.toHaveBeenCalled();
    expect(link.room).not.toBeNull();

    link.stop();
    const other = setup();
    other.client.joinById.mockRejectedValueOnce(new Error('town/not-found: No such starbase.'));
    other.link.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(other.client.joinById).toHaveBeenCalledTimes(1);
    expect(other.failed).toHaveBeenCalledTimes(1);
    other.link.stop();
  });

  it('gives up on a room that stays elsewhere after five tries', async () => {
    const { client, failed, link } = setup();
    client.joinById.mockRejectedValue(new Error('server/room-elsewhere: This place is being opened on another server.'));
    link.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(client.joinById).toHaveBeenCalledTimes(5);
    expect(failed).toHaveBeenCalledTimes(1);
    link.stop();
  });

  it('leaves the room of an attempt that a newer one overtook', async () => {
    const { rooms, link } = setup();
    link.start();
    link.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(rooms).toHaveLength(2);
    expect(rooms[0]!.left).toBe(true);
    expect(link.room).toBe(rooms[1]);
  });

  it('keeps its client while the token names the same server, and makes a new one for another', async () => {
    const { rooms, fetchToken, createClient, link } = setup();
    link.start();
    await vi.advanceTimersByTimeAsync(0);
    rooms[0]!.drop();
    link.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(createClient).toHaveBeenCalledTimes(1);
    fetchToken.mockResolvedValueOnce({ token: 'jwt', expiresAt: 0, townId: 't-1', serverUrl: 'ws://other' });
    rooms[1]!.drop();
    link.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(createClient).toHaveBeenLastCalledWith('ws://other');
    expect(createClient).toHaveBeenCalledTimes(2);
  });
});
