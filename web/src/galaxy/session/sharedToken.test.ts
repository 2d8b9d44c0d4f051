import { describe, expect, it, vi } from 'vitest';
import type { GameTokenResponse } from '../../game/session/tokenApi';
import { sharedTokens } from './sharedToken';

const grant = (expiresAt: number, token = 'jwt'): GameTokenResponse => ({ token, expiresAt, townId: 't-1', serverUrl: 'ws://game' });

describe('one game token for several room links', () => {
  it('asks once for links that ask at the same time, and reuses the grant while it has time left', async () => {
    let now = 0;
    const fetchToken = vi.fn(async () => grant(now + 300_000));
    const tokens = sharedTokens(fetchToken, () => now);
    const [a, b] = await Promise.all([tokens(), tokens()]);
    expect(a).toBe(b);
    expect(fetchToken).toHaveBeenCalledTimes(1);
    now = 200_000;
    await tokens();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    now = 280_000; // 20 s left: too little for a join
    await tokens();
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('does not remember a failure', async () => {
    const fetchToken = vi.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValue(grant(1e12));
    const tokens = sharedTokens(fetchToken, () => 0);
    await expect(tokens()).rejects.toThrow('down');
    await expect(tokens()).resolves.toMatchObject({ token: 'jwt' });
  });

  it('lets a caller stop waiting without cancelling the request for the others', async () => {
    let release: (g: GameTokenResponse) => void = () => undefined;
    const fetchToken = vi.fn(() => new Promise<GameTokenResponse>((resolve) => (release = resolve)));
    const tokens = sharedTokens(fetchToken, () => 0);
    const abort = new AbortController();
    const first = tokens(abort.signal);
    const second = tokens();
    abort.abort(new Error('stopped'));
    await expect(first).rejects.toThrow('stopped');
    release(grant(1e12));
    await expect(second).resolves.toMatchObject({ token: 'jwt' });
  });
});
