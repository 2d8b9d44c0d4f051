import { afterEach, describe, expect, it, vi } from 'vitest';
import { GameTokenError, fetchGameToken } from './tokenApi';

const reply = (status: number, body: unknown) => vi.fn(async () => new Response(JSON.stringify(body), { status }));

describe('fetching a game token', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('POSTs to /api/game-token and returns the grant', async () => {
    const grant = { token: 'jwt', expiresAt: 1, townId: 't', serverUrl: 'ws://x:2567' };
    const fetchMock = reply(200, grant);
    vi.stubGlobal('fetch', fetchMock);
    await expect(fetchGameToken()).resolves.toEqual(grant);
    expect(fetchMock).toHaveBeenCalledWith('/api/game-token', expect.objectContaining({ method: 'POST' }));
  });

  it('says the session is over on 401, so the page stops retrying', async () => {
    vi.stubGlobal('fetch', reply(401, { error: 'Sign in to play.' }));
    const error = await fetchGameToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameTokenError);
    expect((error as GameTokenError).signedOut).toBe(true);
  });

  it('passes other refusals on with the server’s message, as retryable', async () => {
    vi.stubGlobal('fetch', reply(503, { error: 'The game server is not configured yet. Try again later.' }));
    await expect(fetchGameToken()).rejects.toMatchObject({ message: 'The game server is not configured yet. Try again later.', signedOut: false });
  });

  it('turns a network failure into a retryable, readable error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(fetchGameToken()).rejects.toMatchObject({ message: 'Cannot reach Starscape. Check your connection.', signedOut: false });
  });
});
