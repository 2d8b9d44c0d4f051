import { errors, importSPKI, jwtVerify, type CryptoKey } from 'jose';
import {
  GAME_TOKEN_ALG,
  GAME_TOKEN_AUDIENCE,
  GAME_TOKEN_ISSUER,
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
        });
        const claims = gameTokenClaimsSchema.safeParse(payload);
        if (!claims.success) return fail('auth/invalid-token');
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
