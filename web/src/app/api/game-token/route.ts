import type { GameTokenResponse } from '../../../game/session/tokenApi';
import { townOf } from '../../../server/accounts';
import { apiRoute, otherMethods } from '../../../server/apiRoute';
import { errorResponse, jsonResponse } from '../../../server/apiResponse';
import { env } from '../../../server/env';
import { gameServerUrl, signGameToken } from '../../../server/gameToken';
import { currentUser } from '../../../server/session';
import { signingKey } from '../../../server/signingKey';

/**
 * POST /api/game-token: signed-in players only (401 otherwise) → `{ token, expiresAt, townId, serverUrl }`.
 * No body is read. 503 when this web app has no signing key configured.
 */
export const POST = apiRoute('api/game-token', async (request) => {
  const user = await currentUser();
  if (!user) return errorResponse(401, 'Sign in to play.');
  const key = signingKey();
  if (!key) {
    console.error('[game-token] GAME_TOKEN_PRIVATE_KEY is not set: cannot sign game tokens.');
    return errorResponse(503, 'The game server is not configured yet. Try again later.');
  }
  const town = await townOf(user.id, user.displayName);
  const { token, expiresAt } = await signGameToken(await key, { userId: user.id, name: user.displayName });
  const serverUrl = gameServerUrl(
    { host: request.headers.get('host'), forwardedProto: request.headers.get('x-forwarded-proto'), url: request.url },
    env(),
  );
  const body: GameTokenResponse = { token, expiresAt, townId: town.id, serverUrl };
  return jsonResponse(body);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
