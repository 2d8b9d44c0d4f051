import 'server-only';
import { EmailTakenError, createAccount, isUniqueViolation } from './accounts';
import { EMAIL_TAKEN, LINK_INVALID, type AuthFailure, type PublicUser } from './authResult';
import { db } from './db';
import { env } from './env';
import { publicUrl } from './envSchema';
import { mailer } from './mail/mailer';
import { alreadyRegisteredMail, confirmClaimMail, confirmSignUpMail } from './mail/messages';
import { hashPassword } from './password';
import { switchSession } from './session';
import { isWellFormedToken, newSessionToken, sessionIdOf } from './sessionToken';
import { checkThrottle } from './throttle';

/**
 * Email addresses are proven by a link mailed to them before they join an account, and nothing about an
 * address is decided while the request is answered: sign-up (and a guest saving their account) answers
 * "check your inbox" at once, then, after the answer, mails either a confirmation link or, to an address
 * that already has an account, a note saying so. Same answer, same time, whatever the address: nobody can
 * learn through sign-up whether an address has an account, except its owner, by mail.
 *
 * A link's token is random (32 bytes); only its SHA-256 is stored, for 24 hours. Opening the link shows a
 * page with a button (mail scanners that fetch links do not confirm anything); the button spends the token.
 */

export const CONFIRMATION_TTL_MS = 24 * 60 * 60 * 1000;

export type ConfirmationPurpose = 'signUp' | 'claim';

/** What the confirmation page shows before the button is pressed. */
export interface PendingConfirmation {
  purpose: ConfirmationPurpose;
  email: string;
  displayName: string;
}

export type ConfirmResult = { ok: true; user: PublicUser; purpose: ConfirmationPurpose } | AuthFailure<never>;

/** Mails the link that founds this account, or, when the address has one, says so to its owner. */
export function mailSignUpLink(request: { displayName: string; email: string; password: string }): void {
  inBackground(async () => {
    const passwordHash = await hashPassword(request.password);
    await sendConfirmation({ purpose: 'signUp', email: request.email, displayName: request.displayName, passwordHash, userId: null });
  });
}

/** Mails the link that adds this address and password to the guest `userId`, or says the address is taken. */
export function mailClaimLink(request: { userId: string; displayName: string; email: string; password: string }): void {
  inBackground(async () => {
    const passwordHash = await hashPassword(request.password);
    await sendConfirmation({ purpose: 'claim', email: request.email, displayName: request.displayName, passwordHash, userId: request.userId });
  });
}

/** The request behind a link, or null when the link is unknown, spent or expired. */
export async function findConfirmation(token: unknown): Promise<PendingConfirmation | null> {
  const row = await liveRow(token);
  if (!row) return null;
  const displayName = row.displayName ?? row.user?.displayName ?? '';
  return { purpose: row.purpose as ConfirmationPurpose, email: row.email, displayName };
}

/**
 * Spends a link: founds the account (sign-up) or saves the guest (claim), then signs this browser in as that
 * player. A link works once; of two presses at the same moment, one wins.
 */
export async function confirmEmail(token: unknown): Promise<ConfirmResult> {
  const row = await liveRow(token);
  if (!row) return linkInvalid();
  const { count } = await db().emailConfirmation.deleteMany({ where: { id: row.id } });
  if (count !== 1) return linkInvalid();

  let user: PublicUser;
  if (row.purpose === 'claim' && row.userId) {
    try {
      const { count: saved } = await db().user.updateMany({
        where: { id: row.userId, isGuest: true },
        data: { email: row.email, passwordHash: row.passwordHash, isGuest: false },
      });
      if (saved !== 1) return { ok: false, status: 409, error: 'This guest account has already been saved (or was deleted). Log in instead.' };
    } catch (error) {
      if (isUniqueViolation(error)) return emailTaken();
      throw error;
    }
    user = { id: row.userId, displayName: row.user?.displayName ?? '', email: row.email, isGuest: false };
  } else {
    const displayName = row.displayName ?? row.email;
    try {
      const { userId } = await createAccount({ displayName, email: row.email, passwordHash: row.passwordHash, isGuest: false });
      user = { id: userId, displayName, email: row.email, isGuest: false };
    } catch (error) {
      if (error instanceof EmailTakenError) return emailTaken();
      throw error;
    }
  }
  // other links for this address can only fail now
  await db().emailConfirmation.deleteMany({ where: { email: row.email } });
  await switchSession(user.id);
  return { ok: true, user, purpose: row.purpose as ConfirmationPurpose };
}

/** Resolves once every mail started so far has been written or has failed (tests; a graceful stop). */
export async function settleMail(): Promise<void> {
  while (inFlight.size > 0) await Promise.all(inFlight);
}

const inFlight = new Set<Promise<void>>();

/** Runs after the answer is sent; a failure is logged (the player is told to try again if no mail comes). */
function inBackground(work: () => Promise<void>): void {
  const job: Promise<void> = work()
    .catch((error: unknown) => console.error('[mail] sending a confirmation failed:', error instanceof Error ? error.message : error))
    .finally(() => inFlight.delete(job));
  inFlight.add(job);
}

interface ConfirmationRequest {
  purpose: ConfirmationPurpose;
  email: string;
  displayName: string;
  passwordHash: string;
  userId: string | null;
}

async function sendConfirmation(request: ConfirmationRequest): Promise<void> {
  const now = Date.now();
  await db().emailConfirmation.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  // per address mailed, whoever asks; over the limit, the request is dropped quietly (the answer was sent)
  if (await checkThrottle('confirmationMail', request.email)) {
    console.warn(`[mail] not sending more confirmation mail to ${request.email} this hour`);
    return;
  }
  const base = publicUrl(env());
  const owner = await db().user.findUnique({ where: { email: request.email }, select: { id: true } });
  if (owner) {
    await mailer().send(alreadyRegisteredMail(request.email, `${base}/login`));
    return;
  }
  const { token, id } = newSessionToken();
  // a newer link replaces an older one for the same request
  const superseded = request.purpose === 'claim' ? { purpose: 'claim', userId: request.userId } : { purpose: 'signUp', email: request.email };
  await db().$transaction([
    db().emailConfirmation.deleteMany({ where: superseded }),
    db().emailConfirmation.create({
      data: {
        id,
        purpose: request.purpose,
        email: request.email,
        passwordHash: request.passwordHash,
        displayName: request.purpose === 'signUp' ? request.displayName : null,
        userId: request.userId,
        expiresAt: new Date(now + CONFIRMATION_TTL_MS),
      },
    }),
  ]);
  const link = `${base}/confirm?token=${token}`;
  const mail = request.purpose === 'claim' ? confirmClaimMail(request.email, request.displayName, link) : confirmSignUpMail(request.email, request.displayName, link);
  await mailer().send(mail);
}

async function liveRow(token: unknown) {
  if (typeof token !== 'string' || !isWellFormedToken(token)) return null;
  const row = await db().emailConfirmation.findUnique({ where: { id: sessionIdOf(token) }, include: { user: { select: { displayName: true } } } });
  return row && row.expiresAt.getTime() > Date.now() ? row : null;
}

function linkInvalid(): AuthFailure<never> {
  return { ok: false, status: 400, error: LINK_INVALID };
}

function emailTaken(): AuthFailure<never> {
  return { ok: false, status: 409, error: EMAIL_TAKEN };
}
