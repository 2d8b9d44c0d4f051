import { ERROR_MESSAGES } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { classifyJoinError } from './joinErrors';
import { GameTokenError } from './tokenApi';

/** colyseus.js 0.16 rejects a refused join with an Error carrying the server's code and message. */
const refusal = (code: number, message: string) => Object.assign(new Error(message), { code });

describe('join failures', () => {
  it('stops retrying when the web session is gone', () => {
    expect(classifyJoinError(new GameTokenError('Sign in to play.', true))).toEqual({ message: 'Sign in to play.', fatal: true, signedOut: true });
  });

  it('retries when the token could not be fetched for another reason', () => {
    expect(classifyJoinError(new GameTokenError('Cannot reach Starscape.', false)).fatal).toBe(false);
  });

  it('reads the shared error code from the server refusal and shows its text', () => {
    expect(classifyJoinError(refusal(404, `town/not-found: ${ERROR_MESSAGES['town/not-found']}`))).toEqual({
      message: ERROR_MESSAGES['town/not-found'],
      fatal: true,
      signedOut: false,
    });
    expect(classifyJoinError(refusal(401, `auth/unknown-user: ${ERROR_MESSAGES['auth/unknown-user']}`)).fatal).toBe(true);
  });

  it('retries an expired token (the next attempt fetches a fresh one)', () => {
    const failure = classifyJoinError(refusal(401, `auth/expired-token: ${ERROR_MESSAGES['auth/expired-token']}`));
    expect(failure).toEqual({ message: ERROR_MESSAGES['auth/expired-token'], fatal: false, signedOut: false });
  });

  it('calls anything else the server being unreachable, and retries', () => {
    expect(classifyJoinError(new TypeError('Failed to fetch'))).toEqual({ message: 'Cannot reach the game server.', fatal: false, signedOut: false });
    expect(classifyJoinError(undefined).fatal).toBe(false);
  });
});
