import { ERROR_MESSAGES, type ChatLine, type GalaxyTown, type GalaxyWelcomeMessage } from '@starscape/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeColyseus } from '../../game/session/testing/fakeColyseus';
import { GameTokenError } from '../../game/session/tokenApi';
import { GalaxyConnection, type HomeHint } from './GalaxyConnection';
import { chatLines, createGalaxyStore } from './galaxyStore';

interface FakeGalaxyState {
  sector: number;
  sectorCount: number;
  towns: Map<string, GalaxyTown>;
  sectorChat: ChatLine[];
  galaxyChat: ChatLine[];
}

const vega: GalaxyTown = { townId: 't-vega', name: "Vega's Starbase", ownerId: 'u-vega', ownerName: 'Vega', slot: 3, points: 12, online: true, protectedUntil: 0 };
const line = (id: string, authorId = 'u-rex'): ChatLine => ({ id, channel: 'sector', authorId, authorName: 'Rex', text: id, sentAt: 1 });

function welcome(sector: number, home: number | null): GalaxyWelcomeMessage {
  return { protocol: 1, sector, you: { userId: 'u-vega', townId: 't-vega', sector: home }, mutes: ['u-spam'], serverTime: 0 };
}

function setup(hinted: number | null = null) {
  const store = createGalaxyStore();
  // each joined room reports the sector it was asked for (the newest joinOrCreate's options)
  const askedSectors = (): number[] => (server.client.joinOrCreate.mock.calls as unknown as [string, { sector: number }][]).map(([, o]) => o.sector);
  const server = fakeColyseus<FakeGalaxyState>({
    state: () => ({ sector: askedSectors().at(-1) ?? 1, sectorCount: 4, towns: new Map([[vega.townId, vega]]), sectorChat: [line('hello')], galaxyChat: [] }),
    reconnectionToken: 'seat',
    townId: 't-vega',
  });
  const saved: number[] = [];
  const homeHint: HomeHint = { read: () => hinted, write: (s) => saved.push(s) };
  const connection = new GalaxyConnection(store, { ...server.options, homeHint });
  const joinedSectors = () => askedSectors().map((sector) => `galaxy:${sector}`);
  return { store, ...server, connection, saved, joinedSectors };
}

describe('the galaxy connection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => vi.useRealTimers());

  it('joins a sector room with the game token and mirrors its state under that sector', async () => {
    const { store, rooms, client, connection, joinedSectors } = setup();
    connection.start();
    expect(store.getState().links[1]?.status).toBe('connecting');
    await vi.runOnlyPendingTimersAsync();
    expect(client.auth.token).toBe('jwt');
    expect(client.joinOrCreate).toHaveBeenCalledWith('galaxy', { sector: 1 });
    expect(joinedSectors()).toEqual(['galaxy:1']);
    expect(store.getState().links[1]).toMatchObject({ status: 'live', view: { sector: 1, sectorCount: 4, towns: [vega] } });
    rooms[0]!.patch({ towns: new Map([[vega.townId, { ...vega, online: false }]]) });
    expect(store.getState().links[1]?.view?.towns[0]?.online).toBe(false);
  });

  it('moves the chat to the own sector when the welcome says it is another, and remembers it for next time', async () => {
    const { store, rooms, connection, saved, joinedSectors } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    rooms[0]!.serverSends('welcome', welcome(1, 3));
    expect(store.getState()).toMatchObject({ you: { sector: 3 }, chatSector: 3, mutes: ['u-spam'] });
    expect(saved).toEqual([3]);
    expect(rooms[0]!.left).toBe(true);
    expect(store.getState().links[1]).toBeUndefined();
    await vi.runOnlyPendingTimersAsync();
    expect(joinedSectors()).toEqual(['galaxy:1', 'galaxy:3']);
    expect(store.getState().links[3]?.status).toBe('live');
  });

  it('joins the remembered sector first, and only that when it is still the own one', async () => {
    const { rooms, connection, joinedSectors } = setup(3);
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    rooms[0]!.serverSends('welcome', welcome(3, 3));
    await vi.runOnlyPendingTimersAsync();
    expect(joinedSectors()).toEqual(['galaxy:3']);
  });

  it('reuses the chat’s link when the map shows the own sector, and opens one more for another sector', async () => {
    const { store, rooms, connection, joinedSectors, fetchToken } = setup(2);
    fetchToken.mockResolvedValue({ token: 'jwt', expiresAt: Date.now() + 300_000, townId: 't-vega', serverUrl: 'ws://game' });
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    rooms[0]!.serverSends('welcome', welcome(2, 2));
    connection.view('home');
    connection.view(2);
    await vi.runOnlyPendingTimersAsync();
    expect(joinedSectors()).toEqual(['galaxy:2']);
    expect(connection.viewedSector()).toBe(2);

    connection.view(4);
    await vi.runOnlyPendingTimersAsync();
    expect(joinedSectors()).toEqual(['galaxy:2', 'galaxy:4']);
    // switching sector: leave the one shown before, join the next
    connection.view(1);
    await vi.runOnlyPendingTimersAsync();
    expect(rooms[1]!.left).toBe(true);
    expect(store.getState().links[4]).toBeUndefined();
    expect(joinedSectors()).toEqual(['galaxy:2', 'galaxy:4', 'galaxy:1']);
    // closing the map keeps the chat's link only
    connection.view(null);
    expect(rooms[2]!.left).toBe(true);
    expect(rooms[0]!.left).toBe(false);
    expect(Object.keys(store.getState().links)).toEqual(['2']);
    // one token served every join
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('opens the map’s sector first when the page starts on it (`#galaxy-4`)', async () => {
    const { rooms, connection, joinedSectors } = setup(2);
    connection.view(4);
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    expect(joinedSectors()).toEqual(['galaxy:4']);
    rooms[0]!.serverSends('welcome', welcome(4, 2));
    await vi.runOnlyPendingTimersAsync();
    expect(joinedSectors()).toEqual(['galaxy:4', 'galaxy:2']);
    expect(rooms[0]!.left).toBe(false);
  });

  it('sends chat checked by the server’s own rule first, and explains a refusal at once', async () => {
    const { store, rooms, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    rooms[0]!.serverSends('welcome', welcome(1, 1));
    expect(connection.sendChat('galaxy', '  hello\n  galaxy  ')).toBe(true);
    expect(rooms[0]!.sent).toEqual([['chat:send', { channel: 'galaxy', text: 'hello galaxy' }]]);
    expect(connection.sendChat('sector', '   ')).toBe(false);
    expect(store.getState().chatError).toBe(ERROR_MESSAGES['chat/empty']);
    expect(connection.sendChat('sector', 'x'.repeat(281))).toBe(false);
    expect(store.getState().chatError).toBe(ERROR_MESSAGES['chat/too-long']);
    expect(connection.sendChat('sector', 'evil\u202etext')).toBe(false);
    expect(store.getState().chatError).toBe(ERROR_MESSAGES['chat/invalid-text']);
    expect(rooms[0]!.sent).toHaveLength(1);
  });

  it('shows the server’s refusal and gives the refused text back to the input', async () => {
    const { store, rooms, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    connection.sendChat('sector', 'one too many');
    rooms[0]!.serverSends('error', { code: 'chat/rate-limited', message: 'slow down', request: 'chat:send' });
    expect(store.getState()).toMatchObject({ chatError: ERROR_MESSAGES['chat/rate-limited'], returnedDraft: 'one too many' });
    connection.sendChat('sector', 'later');
    expect(store.getState().chatError).toBeNull();
  });

  it('mutes and unmutes through the chat’s room; never oneself', async () => {
    const { store, rooms, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    rooms[0]!.serverSends('welcome', welcome(1, 1));
    expect(connection.mute('u-rex', true)).toBe(true);
    expect(rooms[0]!.sent).toEqual([['chat:mute', { userId: 'u-rex', muted: true }]]);
    rooms[0]!.serverSends('chat:mutes', { mutes: ['u-spam', 'u-rex'] });
    expect(store.getState().mutes).toEqual(['u-spam', 'u-rex']);
    expect(connection.mute('u-vega', true)).toBe(false);
    expect(store.getState().chatError).toBe(ERROR_MESSAGES['chat/mute-self']);
    expect(rooms[0]!.sent).toHaveLength(1);
  });

  it('says it is not connected instead of sending into the void', async () => {
    const { store, connection } = setup();
    connection.start();
    expect(connection.sendChat('sector', 'hello')).toBe(false);
    expect(store.getState().chatError).toMatch(/Not connected/);
  });

  it('keeps the chat after a drop: same seat first, then a fresh join, history read as before', async () => {
    const { store, rooms, client, connection } = setup();
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    expect(chatLines(store.getState(), 'sector').map((l) => l.id)).toEqual(['hello']);
    rooms[0]!.drop();
    expect(store.getState().links[1]?.status).toBe('reconnecting');
    // what was shown stays shown while the link comes back
    expect(chatLines(store.getState(), 'sector')).toHaveLength(1);
    await vi.runOnlyPendingTimersAsync();
    expect(client.reconnect).toHaveBeenCalledWith('seat');
    expect(store.getState().links[1]?.status).toBe('live');
    expect(store.getState().seen.sector?.id).toBe('hello');
  });

  it('stops retrying a signed-out player and says why', async () => {
    const { store, fetchToken, connection } = setup();
    fetchToken.mockRejectedValueOnce(new GameTokenError('You were logged out.', true));
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().links[1]).toMatchObject({ status: 'offline', problem: 'You were logged out.' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('stops for good: leaves every room and joins nothing more', async () => {
    const { rooms, client, connection } = setup();
    connection.view(3);
    connection.start();
    await vi.runOnlyPendingTimersAsync();
    rooms[0]!.serverSends('welcome', welcome(3, 1));
    await vi.runOnlyPendingTimersAsync();
    connection.stop();
    expect(rooms.every((r) => r.left)).toBe(true);
    rooms[1]!.drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(client.joinOrCreate).toHaveBeenCalledTimes(2);
  });
});
