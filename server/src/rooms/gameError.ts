import { ServerError } from '@colyseus/core';
import { ERROR_MESSAGES, type ErrorCode } from '@starscape/shared';

const STATUS: Partial<Record<ErrorCode, number>> = {
  'auth/missing-token': 401,
  'auth/invalid-token': 401,
  'auth/expired-token': 401,
  'auth/wrong-audience': 401,
  'auth/unknown-user': 401,
  'town/invalid-options': 400,
  'town/not-found': 404,
  'combat/not-found': 404,
};

/**
 * A join refusal as colyseus.js shows it: `code` is an HTTP-like status, `message` is
 * "<error code>: <human text>" (`parseErrorCode` in shared reads the code back).
 */
export function joinError(code: ErrorCode): ServerError {
  return new ServerError(STATUS[code] ?? 400, `${code}: ${ERROR_MESSAGES[code]}`);
}
