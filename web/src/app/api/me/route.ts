import { townOf } from '../../../server/accounts';
import { apiRoute, otherMethods } from '../../../server/apiRoute';
import { errorResponse, jsonResponse } from '../../../server/apiResponse';
import { publicUser } from '../../../server/authResult';
import { currentUser } from '../../../server/session';

const SIGNED_OUT = 'You are not signed in.';

/** GET /api/me → 200 `{ user, townId }` for the session cookie's player, 401 without a live session. */
export const GET = apiRoute('api/me', async () => {
  const user = await currentUser();
  if (!user) return errorResponse(401, SIGNED_OUT);
  const town = await townOf(user.id, user.displayName);
  return jsonResponse({ user: publicUser(user), townId: town.id });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
