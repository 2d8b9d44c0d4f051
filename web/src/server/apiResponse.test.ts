import { describe, expect, it } from 'vitest';
import { errorResponse, failureResponse, jsonResponse } from './apiResponse';
import type { AuthFailure } from './authResult';

describe('API responses', () => {
  it('are JSON and never cached', async () => {
    const response = jsonResponse({ user: { id: 'u1' } }, 201);
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ user: { id: 'u1' } });
  });

  it('keep no-store even when a caller passes its own Cache-Control', () => {
    expect(jsonResponse({}, 200, { 'Cache-Control': 'max-age=60' }).headers.get('cache-control')).toBe('no-store');
  });

  it('send a refusal as { error } with its status', async () => {
    const response = errorResponse(401, 'Sign in to play.');
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: 'Sign in to play.' });
  });
});

describe('auth refusals as responses', () => {
  it('send validation failures as 400 with the message of each field', async () => {
    const failure: AuthFailure<'email' | 'password'> = { ok: false, status: 400, error: 'Some fields are not valid; see fields.', fields: { email: 'Enter a valid email address' } };
    const response = failureResponse(failure);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Some fields are not valid; see fields.', fields: { email: 'Enter a valid email address' } });
  });

  it('send a spent confirmation link as 400 and an address taken since as 409, without fields', async () => {
    const spent: AuthFailure = { ok: false, status: 400, error: 'spent' };
    expect(await failureResponse(spent).json()).toEqual({ error: 'spent' });
    const takenFailure: AuthFailure = { ok: false, status: 409, error: 'taken' };
    const taken = failureResponse(takenFailure);
    expect(taken.status).toBe(409);
    expect(await taken.json()).toEqual({ error: 'taken' });
  });

  it('send wrong credentials as 401 with no fields at all', async () => {
    const failure: AuthFailure = { ok: false, status: 401, error: 'Email or password is wrong.' };
    const response = failureResponse(failure);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'Email or password is wrong.' });
    expect(response.headers.get('retry-after')).toBeNull();
  });

  it('send a throttled attempt as 429 with Retry-After in seconds', async () => {
    const failure: AuthFailure = { ok: false, status: 429, error: 'Too many attempts, try again in 2 minutes.', retryAfterSeconds: 95 };
    const response = failureResponse(failure);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('95');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: 'Too many attempts, try again in 2 minutes.' });
  });

  it('leave out fields that carry no message, and an empty fields object', async () => {
    expect(await failureResponse({ status: 400, error: 'x', fields: { email: undefined, password: 'short' } }).json()).toEqual({ error: 'x', fields: { password: 'short' } });
    expect(await failureResponse({ status: 400, error: 'x', fields: {} }).json()).toEqual({ error: 'x' });
  });
});
