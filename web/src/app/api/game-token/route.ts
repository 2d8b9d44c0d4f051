import type { GameTokenResponse } from '../../../game/session/tokenApi';
import { townOf } from '../../../server/accounts';
import { env } from '../../../server/env';
import { gameServerUrl, signGameToken } from '../../../server/gameToken';
import { isSameOrigin } from '../../../server/sameOrigin';
import { currentUser } from '../../../server/session';
import { signingKey } from '../../../server/signingKey';

const noStore = { 'Cache-Control': 'no-store' };

function fail(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: noStore });
}

/** POST /api/game-token: signed-in players only. */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request.headers)) return fail(403, 'Cross-site requests are not allowed.');
  const user = await currentUser();
  if (!user) return fail(401, 'Sign in to play.');
  try {
    const key = signingKey();
    if (!key) {
      console.error('[game-token] GAME_TOKEN_PRIVATE_KEY is not set: cannot sign game tokens.');
      return fail(503, 'The game server is not configured yet. Try again later.');
    }
    const town = await townOf(user.id, user.displayName);
    const { token, expiresAt } = await signGameToken(await key, { userId: user.id, name: user.displayName });
    const serverUrl = gameServerUrl(
      { host: request.headers.get('host'), forwardedProto: request.headers.get('x-forwarded-proto'), url: request.url },
      env(),
    );
    const body: GameTokenResponse = { token, expiresAt, townId: town.id, serverUrl };
    return Response.json(body, { headers: noStore });
  } catch (error) {
    console.error('[game-token] could not issue a token', error);
    return fail(500, 'Could not issue a game token. Try again in a moment.');
  }
}
