import { errors, importSPKI, jwtVerify, type CryptoKey } from 'jose';
import {
  GAME_TOKEN_ALG,
  GAME_TOKEN_AUDIENCE,
  GAME_TOKEN_ISSUER,
  GAME_TOKEN_TTL_SECONDS,
  fail,
  gameTokenClaimsSchema,
  ok,
  type Player,
  type Result,
} from '@starscape/shared';

/** Checks game tokens. It holds only the public key: the game server can verify but never mint tokens. */
export interface GameTokenVerifier {
  verify(token: string | undefined): Promise<Result<Player>>;
}

/** Tokens longer than this are refused unread (a real one is ~400 bytes). */
const MAX_TOKEN_LENGTH = 4096;

/**
 * Verifies with the public key only; refuses (in jose) another algorithm (`none`, HMAC with the public key as
 * the secret), a bad signature, another issuer or audience, a token not yet valid (`nbf`), expired, or issued in
 * the future or longer ago than a token lives (`maxTokenAge`); then (here) one that claims a longer life than the
 * web app ever gives, so a token minted with a leaked key or a wrong clock cannot live on for days.
 */
export async function createGameTokenVerifier(publicKeyPem: string, clockToleranceSeconds = 5): Promise<GameTokenVerifier> {
  const key: CryptoKey = await importSPKI(publicKeyPem, GAME_TOKEN_ALG);
  return {
    async verify(token) {
      if (!token) return fail('auth/missing-token');
      if (token.length > MAX_TOKEN_LENGTH) return fail('auth/invalid-token');
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [GAME_TOKEN_ALG],
          issuer: GAME_TOKEN_ISSUER,
          audience: GAME_TOKEN_AUDIENCE,
          requiredClaims: ['sub', 'exp', 'iat'],
          clockTolerance: clockToleranceSeconds,
          maxTokenAge: GAME_TOKEN_TTL_SECONDS,
        });
        const claims = gameTokenClaimsSchema.safeParse(payload);
        if (!claims.success) return fail('auth/invalid-token');
        if (claims.data.exp - claims.data.iat > GAME_TOKEN_TTL_SECONDS + clockToleranceSeconds) return fail('auth/invalid-token');
        return ok({ userId: claims.data.sub, name: claims.data.name });
      } catch (error) {
        if (error instanceof errors.JWTExpired) return fail('auth/expired-token');
        if (error instanceof errors.JWTClaimValidationFailed && (error.claim === 'aud' || error.claim === 'iss')) {
          return fail('auth/wrong-audience');
        }
        return fail('auth/invalid-token');
      }
    },
  };
}
