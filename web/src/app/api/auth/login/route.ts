import { apiRoute, otherMethods } from '../../../../server/apiRoute';
import { failureResponse, jsonResponse } from '../../../../server/apiResponse';
import { LOG_IN_FIELDS, logInWithPassword } from '../../../../server/auth';
import { fieldsOf, readJsonObject } from '../../../../server/jsonBody';

/**
 * POST /api/auth/login `{ email, password }` → 200 `{ user }` and the session cookie.
 * 401 "Email or password is wrong." for an unknown email and a wrong password alike; 400 / 429 as usual.
 */
export const POST = apiRoute('api/auth/login', async (request) => {
  const body = await readJsonObject(request);
  if (!body.ok) return failureResponse(body);
  const result = await logInWithPassword(fieldsOf(body.value, LOG_IN_FIELDS));
  if (!result.ok) return failureResponse(result);
  return jsonResponse({ user: result.user });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
