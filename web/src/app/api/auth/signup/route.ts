import { apiRoute, otherMethods } from '../../../../server/apiRoute';
import { failureResponse, jsonResponse } from '../../../../server/apiResponse';
import { SIGN_UP_FIELDS, requestSignUp } from '../../../../server/auth';
import { fieldsOf, readJsonObject } from '../../../../server/jsonBody';

/**
 * POST /api/auth/signup `{ displayName, email, password }` → 202 `{ email, message }`: a link that founds the
 * account is on its way to that address (POST /api/auth/confirm spends it). The answer is the same when the
 * address already has an account (its owner is told so by mail), so it never says whether one exists.
 * 400 with `fields` when a field is invalid, 429 throttled.
 */
export const POST = apiRoute('api/auth/signup', async (request) => {
  const body = await readJsonObject(request);
  if (!body.ok) return failureResponse(body);
  const result = await requestSignUp(fieldsOf(body.value, SIGN_UP_FIELDS));
  if (!result.ok) return failureResponse(result);
  return jsonResponse({ email: result.email, message: result.message }, 202);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
