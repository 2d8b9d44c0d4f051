import { GAME_TOKEN_ALG, GAME_TOKEN_AUDIENCE, GAME_TOKEN_ISSUER, GAME_TOKEN_TTL_SECONDS, gameTokenClaimsSchema } from '@starscape/shared';
import { exportPKCS8, generateKeyPair, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { gameServerUrl, importSigningKey, signGameToken } from './gameToken';

async function keys() {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { privatePem: await exportPKCS8(pair.privateKey), publicKey: pair.publicKey };
}

describe('game tokens', () => {
  it('are EdDSA JWTs the game server accepts: shared claims, issuer, audience, short life', async () => {
    const { privatePem, publicKey } = await keys();
    const now = Date.UTC(2026, 0, 1);
    const issued = await signGameToken(await importSigningKey(privatePem), { userId: 'user-1', name: 'Nova' }, now);
    const { payload, protectedHeader } = await jwtVerify(issued.token, publicKey, {
      algorithms: [GAME_TOKEN_ALG],
      issuer: GAME_TOKEN_ISSUER,
      audience: GAME_TOKEN_AUDIENCE,
      currentDate: new Date(now),
    });
    expect(protectedHeader.alg).toBe('EdDSA');
    const claims = gameTokenClaimsSchema.parse(payload);
    expect(claims).toMatchObject({ sub: 'user-1', name: 'Nova', iat: now / 1000, exp: now / 1000 + GAME_TOKEN_TTL_SECONDS });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(issued.expiresAt).toBe(now + GAME_TOKEN_TTL_SECONDS * 1000);
  });

  it('get a fresh jti every time', async () => {
    const key = await importSigningKey((await keys()).privatePem);
    const a = await signGameToken(key, { userId: 'u', name: 'n' });
    const b = await signGameToken(key, { userId: 'u', name: 'n' });
    const jti = (t: string) => JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()).jti;
    expect(jti(a.token)).not.toBe(jti(b.token));
  });
});

describe('game server address', () => {
  const config = { GAME_PORT: 2567 };

  it('uses GAME_SERVER_URL when set', () => {
    expect(gameServerUrl({ host: 'play.example', forwardedProto: null, url: 'http://play.example/api' }, { ...config, GAME_SERVER_URL: 'wss://game.example' })).toBe(
      'wss://game.example',
    );
  });

  it('else the page host on the game port, ws over http', () => {
    expect(gameServerUrl({ host: 'localhost:3000', forwardedProto: null, url: 'http://localhost:3000/api/game-token' }, config)).toBe('ws://localhost:2567');
    expect(gameServerUrl({ host: '[::1]:3000', forwardedProto: null, url: 'http://[::1]:3000/x' }, config)).toBe('ws://[::1]:2567');
  });

  it('and wss when the page came over https (directly or through a proxy)', () => {
    expect(gameServerUrl({ host: 'play.example', forwardedProto: 'https', url: 'http://10.0.0.5:3000/x' }, config)).toBe('wss://play.example:2567');
    expect(gameServerUrl({ host: 'play.example', forwardedProto: null, url: 'https://play.example/x' }, { GAME_PORT: 443 })).toBe('wss://play.example:443');
  });
});
