import { z } from 'zod';
import { DELETE_CONFIRMATION } from './constants';

/** Form validators for sign-up, log-in and the account page. Messages are shown to the player as is. */

export const displayName = z
  .string()
  .trim()
  .min(3, 'Use at least 3 characters')
  .max(24, 'Use at most 24 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.'-]*$/u, "Start with a letter or digit; then letters, digits, spaces and - _ . ' only");

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address')
  .max(254, 'That email address is too long')
  .pipe(z.email('Enter a valid email address, like pilot@example.com'));

/**
 * No NUL character in a password: scrypt pads short keys with zero bytes, so "secret" and "secret\0" would
 * both open the same account.
 */
const NO_NUL = [(v: string) => !v.includes('\u0000'), 'A password cannot contain a NUL character'] as const;

/** A password being chosen. */
export const newPassword = z
  .string()
  .min(8, 'Use at least 8 characters')
  .max(128, 'Use at most 128 characters')
  .refine((v) => v.trim().length > 0, 'A password cannot be only spaces')
  .refine(...NO_NUL);

/** A password being checked: only presence and a sane length (one with a NUL is simply wrong: `verifyPassword`). */
export const givenPassword = z.string().min(1, 'Enter your password').max(128, 'Use at most 128 characters');

export const signUpSchema = z.object({ displayName, email, password: newPassword });
export const logInSchema = z.object({ email, password: givenPassword });
export const displayNameSchema = z.object({ displayName });
export const changePasswordSchema = z
  .object({ currentPassword: givenPassword, newPassword })
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from the current one',
  });
export const claimSchema = z.object({ email, password: newPassword });

/** Deleting: a password for a registered account, the word DELETE for a guest. */
export const deletePasswordSchema = z.object({ password: givenPassword });
export const deleteGuestSchema = z.object({
  confirm: z
    .string()
    .trim()
    .refine((v) => v === DELETE_CONFIRMATION, `Type ${DELETE_CONFIRMATION} to confirm`),
});
