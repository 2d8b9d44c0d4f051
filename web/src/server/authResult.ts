/**
 * What signing up, logging in and starting as a guest return, shared by the Server Actions (which show it
 * in a form) and the JSON routes (which send it as a response). Plain data, no I/O.
 */

/** A player as the API shows them: never the password hash, never the session. */
export interface PublicUser {
  id: string;
  displayName: string;
  /** null for a guest */
  email: string | null;
  isGuest: boolean;
}

/** Why an attempt was refused; `status` is the HTTP status the JSON routes answer with. */
export type AuthFailure<F extends string = string> =
  /** 400: a field failed its validator; 409: the email belongs to another account (`fields.email`) */
  | { ok: false; status: 400 | 409; error: string; fields: Partial<Record<F, string>> }
  /** wrong email or password, deliberately without saying which */
  | { ok: false; status: 401; error: string }
  /** throttled; the form shows `error`, the routes also send `Retry-After` */
  | { ok: false; status: 429; error: string; retryAfterSeconds: number };

export type AuthResult<F extends string = string> = { ok: true; user: PublicUser } | AuthFailure<F>;

export const INVALID_FIELDS = 'Some fields are not valid; see fields.';
export const EMAIL_TAKEN = 'An account with this email already exists. Log in instead?';
/** The one answer for an unknown email and a wrong password alike, so log-in cannot enumerate accounts. */
export const WRONG_CREDENTIALS = 'Email or password is wrong.';

/** Picks the API's view of a user row (drops `createdAt`, `sessionId` and anything else). */
export function publicUser(user: PublicUser): PublicUser {
  return { id: user.id, displayName: user.displayName, email: user.email, isGuest: user.isGuest };
}
