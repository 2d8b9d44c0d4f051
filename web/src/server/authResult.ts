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
  /** 400: a field failed its validator */
  | { ok: false; status: 400; error: string; fields: Partial<Record<F, string>> }
  /** confirming an email: 400, the link is unknown, spent or expired; 409, the address got an account since */
  | { ok: false; status: 400 | 409; error: string }
  /** wrong email or password, deliberately without saying which */
  | { ok: false; status: 401; error: string }
  /** throttled; the form shows `error`, the routes also send `Retry-After` */
  | { ok: false; status: 429; error: string; retryAfterSeconds: number };

export type AuthResult<F extends string = string> = { ok: true; user: PublicUser } | AuthFailure<F>;

/**
 * A request that continues by mail (sign-up, saving a guest): accepted, and a link is on its way, or, to an
 * address that already has an account, a note saying so. The answer is the same either way.
 */
export type MailRequestResult<F extends string = string> = { ok: true; email: string; message: string } | AuthFailure<F>;

/** What a player reads after asking for a link: the same whether or not the address has an account. */
export function checkInboxMessage(email: string): string {
  return `Check your inbox: we sent a link to ${email}. Open it within 24 hours to continue. Nothing there after a few minutes? Look in your spam folder, or try again.`;
}

export const INVALID_FIELDS = 'Some fields are not valid; see fields.';
/** Only ever said to whoever holds a confirmation link for that address (see emailConfirmations.ts). */
export const EMAIL_TAKEN = 'An account with this email already exists. Log in instead?';
export const LINK_INVALID = 'This link no longer works: it was already used, a newer one was sent, or it is more than 24 hours old.';
/** The one answer for an unknown email and a wrong password alike, so log-in cannot enumerate accounts. */
export const WRONG_CREDENTIALS = 'Email or password is wrong.';

/** Picks the API's view of a user row (drops `createdAt`, `sessionId` and anything else). */
export function publicUser(user: PublicUser): PublicUser {
  return { id: user.id, displayName: user.displayName, email: user.email, isGuest: user.isGuest };
}
