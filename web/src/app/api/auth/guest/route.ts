import { apiRoute, otherMethods } from '../../../../server/apiRoute';
import { failureResponse, jsonResponse } from '../../../../server/apiResponse';
import { startAsGuest } from '../../../../server/auth';
import { readJsonObject } from '../../../../server/jsonBody';

/** POST /api/auth/guest, no body or `{}` → 201 `{ user }` (a new guest with a starbase) and the session cookie. */
export const POST = apiRoute('api/auth/guest', async (request) => {
  // Nothing is read from the body, but one that is there must still be a small JSON object.
  const body = await readJsonObject(request, { optional: true });
  if (!body.ok) return failureResponse(body);
  const result = await startAsGuest();
  if (!result.ok) return failureResponse(result);
  return jsonResponse({ user: result.user }, 201);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
