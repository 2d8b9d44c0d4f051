'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { isUniqueViolation } from '../server/accounts';
import { db } from '../server/db';
import { hashPassword, verifyPassword } from '../server/password';
import { currentUser, endSession } from '../server/session';
import { throttle } from '../server/throttle';
import { echoValues, errorState, fieldErrorsOf, readForm, type FormState } from '../forms/formState';
import { changePasswordSchema, claimSchema, deleteGuestSchema, deletePasswordSchema, displayNameSchema } from './schemas';

const SIGNED_OUT = 'Your session has ended. Log in again.';
const EMAIL_TAKEN = 'An account with this email already exists.';

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

/** Turns a guest into a full account: same player, same starbase, now with an email and password. */
export async function claimAccount(_previous: FormState<ClaimField>, data: FormData): Promise<FormState<ClaimField>> {
  const user = await currentUser();
  const values = readForm(data, ['email', 'password'] as const);
  const echo = echoValues(values, ['password']);
  if (!user) return errorState(SIGNED_OUT, {}, echo);
  if (!user.isGuest) return errorState('This account already has an email and password.', {}, echo);
  const parsed = claimSchema.safeParse(values);
  if (!parsed.success) return errorState(undefined, fieldErrorsOf<ClaimField>(parsed.error), echo);

  if (await db().user.findUnique({ where: { email: parsed.data.email }, select: { id: true } })) {
    return errorState(undefined, { email: EMAIL_TAKEN }, echo);
  }
  try {
    await db().user.update({
      where: { id: user.id },
      data: { email: parsed.data.email, passwordHash: await hashPassword(parsed.data.password), isGuest: false },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return errorState(undefined, { email: EMAIL_TAKEN }, echo);
    throw error;
  }
  // The claim section disappears once the account is no guest; the page says it worked instead.
  redirect('/account?claimed=1');
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
