import { apiRoute, otherMethods } from '../../../../server/apiRoute';
import { failureResponse, jsonResponse } from '../../../../server/apiResponse';
import { SIGN_UP_FIELDS, signUpWithPassword } from '../../../../server/auth';
import { fieldsOf, readJsonObject } from '../../../../server/jsonBody';

/**
 * POST /api/auth/signup `{ displayName, email, password }` → 201 `{ user }` and the session cookie.
 * 400 with `fields` when a field is invalid, 409 with `fields.email` when the email is taken, 429 throttled.
 */
export const POST = apiRoute('api/auth/signup', async (request) => {
  const body = await readJsonObject(request);
  if (!body.ok) return failureResponse(body);
  const result = await signUpWithPassword(fieldsOf(body.value, SIGN_UP_FIELDS));
  if (!result.ok) return failureResponse(result);
  return jsonResponse({ user: result.user }, 201);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
