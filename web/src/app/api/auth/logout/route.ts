import { apiRoute, otherMethods } from '../../../../server/apiRoute';
import { jsonResponse } from '../../../../server/apiResponse';
import { endSession } from '../../../../server/session';

/**
 * POST /api/auth/logout → 200 `{ ok: true }`: the session is deleted on the server (the old cookie stops
 * working even if a client keeps it) and the cookie is cleared. Also 200 when nobody was signed in.
 */
export const POST = apiRoute('api/auth/logout', async () => {
  await endSession();
  return jsonResponse({ ok: true });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
