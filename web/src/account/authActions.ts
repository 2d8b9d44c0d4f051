'use server';

import { redirect } from 'next/navigation';
import { logInWithPassword, requestSignUp, startAsGuest, type LogInField as LogInFieldName, type SignUpField as SignUpFieldName } from '../server/auth';
import type { AuthFailure } from '../server/authResult';
import { confirmEmail } from '../server/emailConfirmations';
import { endSession } from '../server/session';
import { echoValues, errorState, formText, readForm, type FormState } from '../forms/formState';
import { mailSentState } from './mailSentState';
import { safeNext } from './safeNext';

// The work lives in server/auth.ts, shared with the JSON routes under /api/auth; these actions only read
// the form, show a refusal in it, or redirect.

export type SignUpField = SignUpFieldName;
export type LogInField = LogInFieldName;

/** Sign-up: mails the link that founds the account; the form then says to check the inbox. */
export async function signUp(_previous: FormState<SignUpField>, data: FormData): Promise<FormState<SignUpField>> {
  const values = readForm(data, ['displayName', 'email', 'password'] as const);
  const result = await requestSignUp(values);
  if (!result.ok) return formError(result, echoValues(values, ['password']));
  return mailSentState<SignUpField>(result.email, result.message);
}

/** The button of a mailed link's page: founds the account (or saves the guest), signs in, opens the game. */
export async function confirmLink(_previous: FormState, data: FormData): Promise<FormState> {
  const result = await confirmEmail(formText(data, 'token'));
  if (!result.ok) return formError(result, {});
  redirect(result.purpose === 'claim' ? '/account?claimed=1' : '/play');
}

/** Log-in. Says only "Email or password is wrong", whichever of the two it was. */
export async function logIn(_previous: FormState<LogInField>, data: FormData): Promise<FormState<LogInField>> {
  const values = readForm(data, ['email', 'password'] as const);
  const result = await logInWithPassword(values);
  if (!result.ok) return formError(result, echoValues(values, ['password']));
  redirect(safeNext(formText(data, 'next')));
}

/** Play without an account: a guest player named like "Pilot-4821", with a starbase. */
export async function playAsGuest(_previous: FormState, _data: FormData): Promise<FormState> {
  const result = await startAsGuest();
  if (!result.ok) return formError(result, {});
  redirect('/play');
}

export async function logOut(): Promise<void> {
  await endSession();
  redirect('/');
}

/** A refusal as the form shows it: field messages beside their fields, else one message on top. */
function formError<F extends string>(failure: AuthFailure<F>, echo: Partial<Record<F, string>>): FormState<F> {
  return 'fields' in failure ? errorState(undefined, failure.fields, echo) : errorState(failure.error, {}, echo);
}
