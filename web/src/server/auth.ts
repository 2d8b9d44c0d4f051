import 'server-only';
import { logInSchema, signUpSchema } from '../account/schemas';
import { fieldErrorsOf } from '../forms/formState';
import { createAccount } from './accounts';
import { INVALID_FIELDS, WRONG_CREDENTIALS, checkInboxMessage, type AuthFailure, type AuthResult, type MailRequestResult } from './authResult';
import { db } from './db';
import { mailSignUpLink } from './emailConfirmations';
import { guestName } from './guestName';
import { decoyHash, verifyPassword } from './password';
import { switchSession } from './session';
import { checkThrottle } from './throttle';

/**
 * Sign-up, log-in and guest creation, once: the Server Actions behind the HTML forms and the JSON routes
 * under /api/auth both call these. Each validates, throttles, does the work and, on success, signs the
 * caller in (session row + cookie), in that order (sign-up signs in when its mailed link is confirmed);
 * a refusal changes nothing but the throttle count.
 */

export type SignUpField = 'displayName' | 'email' | 'password';
export type LogInField = 'email' | 'password';

export const SIGN_UP_FIELDS = ['displayName', 'email', 'password'] as const satisfies readonly SignUpField[];
export const LOG_IN_FIELDS = ['email', 'password'] as const satisfies readonly LogInField[];

/**
 * Sign-up, first half: checks the fields, counts the attempt, and mails a link that founds the account
 * (see emailConfirmations.ts). Answers "check your inbox" whether or not the address already has an account:
 * the answer never tells. Input values are unchecked (form strings or JSON values); the sign-up validator
 * decides. Validation failures do not count against the throttle.
 */
export async function requestSignUp(input: Record<SignUpField, unknown>): Promise<MailRequestResult<SignUpField>> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrorsOf<SignUpField>(parsed.error));
  const limited = await checkThrottle('signUp');
  if (limited) return throttled(limited);
  mailSignUpLink(parsed.data);
  return { ok: true, email: parsed.data.email, message: checkInboxMessage(parsed.data.email) };
}

/** Log-in with email and password. Says only "Email or password is wrong", whichever of the two it was. */
export async function logInWithPassword(input: Record<LogInField, unknown>): Promise<AuthResult<LogInField>> {
  const parsed = logInSchema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrorsOf<LogInField>(parsed.error));
  // per address, and per account: many addresses guessing one account's password are slowed down too
  const limited = (await checkThrottle('logIn')) ?? (await checkThrottle('logInAccount', parsed.data.email));
  if (limited) return throttled(limited);

  const user = await db().user.findUnique({
    where: { email: parsed.data.email },
    select: { id: true, displayName: true, email: true, isGuest: true, passwordHash: true },
  });
  // Verify against a decoy when there is no such account, so both answers take as long.
  const matches = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await decoyHash()));
  if (!user?.passwordHash || !matches) return { ok: false, status: 401, error: WRONG_CREDENTIALS };

  await switchSession(user.id);
  return { ok: true, user: { id: user.id, displayName: user.displayName, email: user.email, isGuest: user.isGuest } };
}

/** A guest player named like "Pilot-4821", with a starbase, signed in. No input. */
export async function startAsGuest(): Promise<AuthResult<never>> {
  const limited = await checkThrottle('guest');
  if (limited) return throttled(limited);
  const displayName = guestName();
  const { userId } = await createAccount({ displayName, email: null, passwordHash: null, isGuest: true });
  await switchSession(userId);
  return { ok: true, user: { id: userId, displayName, email: null, isGuest: true } };
}

function invalid<F extends string>(fields: Partial<Record<F, string>>): AuthFailure<F> {
  return { ok: false, status: 400, error: INVALID_FIELDS, fields };
}

function throttled(limited: { message: string; retryAfterSeconds: number }): AuthFailure<never> {
  return { ok: false, status: 429, error: limited.message, retryAfterSeconds: limited.retryAfterSeconds };
}
