import { apiRoute, otherMethods } from '../../../../server/apiRoute';
import { failureResponse, jsonResponse } from '../../../../server/apiResponse';
import { INVALID_FIELDS } from '../../../../server/authResult';
import { confirmEmail } from '../../../../server/emailConfirmations';
import { fieldsOf, readJsonObject } from '../../../../server/jsonBody';

/**
 * POST /api/auth/confirm `{ token }` (the `token` of a mailed /confirm link) → 201 `{ user }` and the session
 * cookie: the account is founded (sign-up) or the guest saved (claim). 400 with `fields.token` when there is
 * no token string; 400 when the link is unknown, spent or expired; 409 when the address got an account in
 * the meantime.
 */
const TOKEN_REQUIRED = 'Send the token from the link in the mail, as a string.';

export const POST = apiRoute('api/auth/confirm', async (request) => {
  const body = await readJsonObject(request);
  if (!body.ok) return failureResponse(body);
  const { token } = fieldsOf(body.value, ['token'] as const);
  if (typeof token !== 'string' || token === '') return failureResponse({ status: 400, error: INVALID_FIELDS, fields: { token: TOKEN_REQUIRED } });
  const result = await confirmEmail(token);
  if (!result.ok) return failureResponse(result);
  return jsonResponse({ user: result.user }, 201);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
