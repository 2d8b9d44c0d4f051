import { randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8, type CryptoKey } from 'jose';
import { GAME_TOKEN_ALG, GAME_TOKEN_AUDIENCE, GAME_TOKEN_ISSUER, GAME_TOKEN_TTL_SECONDS } from '@starscape/shared';

export interface IssuedGameToken {
  token: string;
  /** ms epoch */
  expiresAt: number;
}

/** Reads the Ed25519 PKCS#8 PEM the web app signs game tokens with. */
export function importSigningKey(pem: string): Promise<CryptoKey> {
  return importPKCS8(pem, GAME_TOKEN_ALG);
}

/**
 * A short-lived game token naming the player, for the game server's auth step. The claims are the
 * ones `gameTokenClaimsSchema` in shared/ checks.
 */
export async function signGameToken(
  key: CryptoKey,
  player: { userId: string; name: string },
  nowMs: number = Date.now(),
  ttlSeconds: number = GAME_TOKEN_TTL_SECONDS,
): Promise<IssuedGameToken> {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + ttlSeconds;
  const token = await new SignJWT({ name: player.name })
    .setProtectedHeader({ alg: GAME_TOKEN_ALG, typ: 'JWT' })
    .setSubject(player.userId)
    .setIssuer(GAME_TOKEN_ISSUER)
    .setAudience(GAME_TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(key);
  return { token, expiresAt: exp * 1000 };
}

/**
 * Where the browser reaches the game server: `GAME_SERVER_URL` when set, else the host the page was
 * loaded from on the game port, `wss` when the page came over https.
 */
export function gameServerUrl(
  request: { host: string | null; forwardedProto: string | null; url: string },
  config: { GAME_SERVER_URL?: string; GAME_PORT: number },
): string {
  if (config.GAME_SERVER_URL) return config.GAME_SERVER_URL;
  const requestUrl = new URL(request.url);
  const proto = request.forwardedProto?.split(',')[0]?.trim().toLowerCase() || requestUrl.protocol.replace(':', '');
  let hostname = requestUrl.hostname;
  if (request.host) {
    try {
      hostname = new URL(`http://${request.host}`).hostname;
    } catch {
      // a malformed Host header: fall back to the request URL's host
    }
  }
  return `${proto === 'https' ? 'wss' : 'ws'}://${hostname}:${config.GAME_PORT}`;
}
