'use server';

import { redirect } from 'next/navigation';
import { EmailTakenError, createAccount } from '../server/accounts';
import { db } from '../server/db';
import { decoyHash, hashPassword, verifyPassword } from '../server/password';
import { endSession, startSession } from '../server/session';
import { throttle } from '../server/throttle';
import { echoValues, errorState, fieldErrorsOf, formText, readForm, type FormState } from '../forms/formState';
import { guestName } from '../server/guestName';
import { safeNext } from './safeNext';
import { logInSchema, signUpSchema } from './schemas';

const EMAIL_TAKEN = 'An account with this email already exists. Log in instead?';
const WRONG_CREDENTIALS = 'Email or password is wrong.';

export type SignUpField = 'displayName' | 'email' | 'password';
export type LogInField = 'email' | 'password';

/** Sign-up: a new player with a starbase, signed in, sent to the game. */
export async function signUp(_previous: FormState<SignUpField>, data: FormData): Promise<FormState<SignUpField>> {
  const values = readForm(data, ['displayName', 'email', 'password'] as const);
  const echo = echoValues(values, ['password']);
  const parsed = signUpSchema.safeParse(values);
  if (!parsed.success) return errorState(undefined, fieldErrorsOf<SignUpField>(parsed.error), echo);

  const limited = await throttle('signUp');
  if (limited) return errorState(limited, {}, echo);

  const { displayName, email, password } = parsed.data;
  if (await db().user.findUnique({ where: { email }, select: { id: true } })) {
    return errorState(undefined, { email: EMAIL_TAKEN }, echo);
  }
  let userId: string;
  try {
    ({ userId } = await createAccount({ displayName, email, passwordHash: await hashPassword(password), isGuest: false }));
  } catch (error) {
    if (error instanceof EmailTakenError) return errorState(undefined, { email: EMAIL_TAKEN }, echo);
    throw error;
  }
  await endSession();
  await startSession(userId);
  redirect('/play');
}

/** Log-in. Says only "Email or password is wrong", whichever of the two it was. */
export async function logIn(_previous: FormState<LogInField>, data: FormData): Promise<FormState<LogInField>> {
  const values = readForm(data, ['email', 'password'] as const);
  const echo = echoValues(values, ['password']);
  const parsed = logInSchema.safeParse(values);
  if (!parsed.success) return errorState(undefined, fieldErrorsOf<LogInField>(parsed.error), echo);

  const limited = await throttle('logIn');
  if (limited) return errorState(limited, {}, echo);

  const user = await db().user.findUnique({ where: { email: parsed.data.email }, select: { id: true, passwordHash: true } });
  // Verify against a decoy when there is no such account, so both answers take as long.
  const matches = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await decoyHash()));
  if (!user?.passwordHash || !matches) return errorState(WRONG_CREDENTIALS, {}, echo);

  await endSession();
  await startSession(user.id);
  redirect(safeNext(formText(data, 'next')));
}

/** Play without an account: a guest player named like "Pilot-4821", with a starbase. */
export async function playAsGuest(_previous: FormState, _data: FormData): Promise<FormState> {
  const limited = await throttle('guest');
  if (limited) return errorState(limited);
  const { userId } = await createAccount({ displayName: guestName(), email: null, passwordHash: null, isGuest: true });
  await endSession();
  await startSession(userId);
  redirect('/play');
}

export async function logOut(): Promise<void> {
  await endSession();
  redirect('/');
}
