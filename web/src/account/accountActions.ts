'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { checkInboxMessage } from '../server/authResult';
import { mailClaimLink } from '../server/emailConfirmations';
import { db } from '../server/db';
import { hashPassword, verifyPassword } from '../server/password';
import { currentUser, endSession } from '../server/session';
import { throttle } from '../server/throttle';
import { echoValues, errorState, fieldErrorsOf, readForm, type FormState } from '../forms/formState';
import { mailSentState } from './mailSentState';
import { changePasswordSchema, claimSchema, deleteGuestSchema, deletePasswordSchema, displayNameSchema } from './schemas';

const SIGNED_OUT = 'Your session has ended. Log in again.';

export type DisplayNameField = 'displayName';
export type PasswordField = 'currentPassword' | 'newPassword';
export type ClaimField = 'email' | 'password';
export type DeleteField = 'password' | 'confirm';

export async function changeDisplayName(_previous: FormState<DisplayNameField>, data: FormData): Promise<FormState<DisplayNameField>> {
  const user = await currentUser();
  const values = readForm(data, ['displayName'] as const);
  if (!user) return errorState(SIGNED_OUT, {}, values);
  const parsed = displayNameSchema.safeParse(values);
  if (!parsed.success) return errorState(undefined, fieldErrorsOf<DisplayNameField>(parsed.error), values);

  await db().user.update({ where: { id: user.id }, data: { displayName: parsed.data.displayName } });
  revalidatePath('/', 'layout');
  return { status: 'success', message: 'Display name saved.', values: { displayName: parsed.data.displayName } };
}

/** Needs the current password; signs out every other session of the account. */
export async function changePassword(_previous: FormState<PasswordField>, data: FormData): Promise<FormState<PasswordField>> {
  const user = await currentUser();
  if (!user) return errorState(SIGNED_OUT);
  const parsed = changePasswordSchema.safeParse(readForm(data, ['currentPassword', 'newPassword'] as const));
  if (!parsed.success) return errorState(undefined, fieldErrorsOf<PasswordField>(parsed.error));
  // Checking a password is a guess like a log-in: same budget per address.
  const limited = await throttle('logIn');
  if (limited) return errorState(limited);

  const row = await db().user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row?.passwordHash || !(await verifyPassword(parsed.data.currentPassword, row.passwordHash))) {
    return errorState(undefined, { currentPassword: 'That is not your current password.' });
  }
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await db().$transaction([
    db().user.update({ where: { id: user.id }, data: { passwordHash } }),
    db().session.deleteMany({ where: { userId: user.id, id: { not: user.sessionId } } }),
  ]);
  return { status: 'success', message: 'Password changed. Other devices have been signed out.' };
}

/**
 * A guest asks to become a full account (same player, same starbase) with an email and password: mails a
 * link to that address that completes it. Answers "check your inbox" whether or not the address already
 * has an account (its owner is told by mail), so the form cannot be used to test addresses.
 */
export async function claimAccount(_previous: FormState<ClaimField>, data: FormData): Promise<FormState<ClaimField>> {
  const user = await currentUser();
  const values = readForm(data, ['email', 'password'] as const);
  const echo = echoValues(values, ['password']);
  if (!user) return errorState(SIGNED_OUT, {}, echo);
  if (!user.isGuest) return errorState('This account already has an email and password.', {}, echo);
  const parsed = claimSchema.safeParse(values);
  if (!parsed.success) return errorState(undefined, fieldErrorsOf<ClaimField>(parsed.error), echo);
  const limited = await throttle('claim');
  if (limited) return errorState(limited, {}, echo);

  mailClaimLink({ userId: user.id, displayName: user.displayName, ...parsed.data });
  return mailSentState<ClaimField>(parsed.data.email, checkInboxMessage(parsed.data.email));
}

/** Deletes the player, their sessions and their starbase. A password, or for a guest the word DELETE. */
export async function deleteAccount(_previous: FormState<DeleteField>, data: FormData): Promise<FormState<DeleteField>> {
  const user = await currentUser();
  if (!user) return errorState(SIGNED_OUT);
  const values = readForm(data, ['password', 'confirm'] as const);
  if (user.isGuest) {
    const parsed = deleteGuestSchema.safeParse(values);
    if (!parsed.success) return errorState(undefined, fieldErrorsOf<DeleteField>(parsed.error), { confirm: values.confirm });
  } else {
    const parsed = deletePasswordSchema.safeParse(values);
    if (!parsed.success) return errorState(undefined, fieldErrorsOf<DeleteField>(parsed.error));
    const limited = await throttle('logIn');
    if (limited) return errorState(limited);
    const row = await db().user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
    if (!row?.passwordHash || !(await verifyPassword(parsed.data.password, row.passwordHash))) {
      return errorState(undefined, { password: 'That is not your password.' });
    }
  }
  // Sessions and towns go with the user (onDelete: Cascade).
  await db().user.delete({ where: { id: user.id } });
  await endSession();
  redirect('/?farewell=1');
}
