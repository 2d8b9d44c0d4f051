import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '../forms/formState';
import { changePasswordSchema, deleteGuestSchema, logInSchema, signUpSchema } from './schemas';

describe('sign-up validation', () => {
  it('accepts a good form and normalizes the email', () => {
    const parsed = signUpSchema.parse({ displayName: '  Nova Prime ', email: ' Nova@Example.COM ', password: 'correct horse' });
    expect(parsed).toEqual({ displayName: 'Nova Prime', email: 'nova@example.com', password: 'correct horse' });
  });

  it('names every bad field with a message a player understands', () => {
    const result = signUpSchema.safeParse({ displayName: 'x', email: 'nope', password: 'short' });
    expect(result.success).toBe(false);
    expect(fieldErrorsOf(result.error!)).toEqual({
      displayName: 'Use at least 3 characters',
      email: 'Enter a valid email address, like pilot@example.com',
      password: 'Use at least 8 characters',
    });
  });

  it('refuses display names with markup or leading punctuation, allows letters of any script', () => {
    expect(signUpSchema.shape.displayName.safeParse('<script>').success).toBe(false);
    expect(signUpSchema.shape.displayName.safeParse('-dash').success).toBe(false);
    expect(signUpSchema.shape.displayName.safeParse("Zoë O'Neil-2").success).toBe(true);
    expect(signUpSchema.shape.displayName.safeParse('星の司令官').success).toBe(true);
    expect(signUpSchema.shape.displayName.safeParse('a'.repeat(25)).success).toBe(false);
  });

  it('refuses a password of spaces and one longer than 128 characters', () => {
    expect(signUpSchema.shape.password.safeParse('        ').success).toBe(false);
    expect(signUpSchema.shape.password.safeParse('x'.repeat(129)).success).toBe(false);
  });

  it('says "enter your email" for an empty email rather than "invalid"', () => {
    const result = logInSchema.safeParse({ email: '   ', password: 'x' });
    expect(fieldErrorsOf(result.error!)).toEqual({ email: 'Enter your email address' });
  });
});

describe('account forms', () => {
  it('log-in only checks that a password was given', () => {
    expect(logInSchema.safeParse({ email: 'a@b.co', password: 'x' }).success).toBe(true);
    expect(fieldErrorsOf(logInSchema.safeParse({ email: 'a@b.co', password: '' }).error!)).toEqual({ password: 'Enter your password' });
  });

  it('a new password must differ from the current one', () => {
    const result = changePasswordSchema.safeParse({ currentPassword: 'same password', newPassword: 'same password' });
    expect(fieldErrorsOf(result.error!)).toEqual({ newPassword: 'Choose a password different from the current one' });
  });

  it('a guest confirms deletion by typing DELETE exactly', () => {
    expect(deleteGuestSchema.safeParse({ confirm: ' DELETE ' }).success).toBe(true);
    expect(deleteGuestSchema.safeParse({ confirm: 'delete' }).success).toBe(false);
  });
});
