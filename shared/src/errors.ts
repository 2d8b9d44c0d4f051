/**
 * Every typed error a player or a client can be told, in one commented union.
 * Rules return them as values (`{ ok: false, code }`); the server sends them in the `error` message;
 * clients show `ERROR_MESSAGES[code]`.
 */
export type ErrorCode =
  // --- messages at the room's edge
  /** the payload failed validation (wrong type, missing or extra field, too large) */
  | 'message/invalid'
  /** the message type is not one the room knows */
  | 'message/unknown-type'
  /** the client sends messages faster than a person could */
  | 'message/rate-limited'
  // --- who may do what
  /** joining without a game token */
  | 'auth/missing-token'
  /** the token is malformed, forged, or signed with another key */
  | 'auth/invalid-token'
  /** the token's lifetime is over; fetch a new one */
  | 'auth/expired-token'
  /** the token was issued for another service or by another issuer */
  | 'auth/wrong-audience'
  /** the token names an account that no longer exists */
  | 'auth/unknown-user'
  /** a visitor tried to command a town they do not own */
  | 'auth/not-owner'
  // --- rooms
  /** the join options are malformed */
  | 'town/invalid-options'
  /** no town with that id */
  | 'town/not-found'
  // --- building upgrades
  /** another upgrade is already running; one at a time */
  | 'upgrade/busy'
  | 'upgrade/not-enough-metal'
  | 'upgrade/not-enough-crystal'
  | 'upgrade/not-enough-fuel'
  /** the building is at its highest level */
  | 'upgrade/max-level'
  /** cancel asked while nothing is being built */
  | 'upgrade/none';

/** Human text for each code, shown by clients as is. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  'message/invalid': 'That request was malformed and was ignored.',
  'message/unknown-type': 'Unknown request type.',
  'message/rate-limited': 'Too many requests: slow down.',
  'auth/missing-token': 'Sign in to play: no game token was sent.',
  'auth/invalid-token': 'Your game token is not valid. Sign in again.',
  'auth/expired-token': 'Your game token has expired. Reload to get a new one.',
  'auth/wrong-audience': 'That token is not meant for the game server.',
  'auth/unknown-user': 'This account no longer exists.',
  'auth/not-owner': 'Visitors can look around but cannot command this starbase.',
  'town/invalid-options': 'A town id is needed to join a starbase.',
  'town/not-found': 'No starbase with that id.',
  'upgrade/busy': 'Construction crews are busy with another upgrade.',
  'upgrade/not-enough-metal': 'Not enough metal.',
  'upgrade/not-enough-crystal': 'Not enough crystal.',
  'upgrade/not-enough-fuel': 'Not enough fuel.',
  'upgrade/max-level': 'This building is at its highest level.',
  'upgrade/none': 'Nothing is being built.',
};

/** What a rule returns: the new state, or why the move is illegal. */
export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode): Result<T> => ({ ok: false, code });

/** Reads the error code back from a join refusal's message ("<code>: <human text>"); null if it has none. */
export function parseErrorCode(message: string): ErrorCode | null {
  const code = message.split(':', 1)[0] as ErrorCode;
  return code in ERROR_MESSAGES ? code : null;
}
