import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isWellFormedToken, newSessionToken, sessionIdOf } from './sessionToken';

describe('session tokens', () => {
  it('are 32 random bytes, stored only as their SHA-256', () => {
    const { token, id } = newSessionToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(id).toBe(createHash('sha256').update(token).digest('hex'));
    expect(id).not.toContain(token);
    expect(sessionIdOf(token)).toBe(id);
  });

  it('never repeat', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newSessionToken().token));
    expect(tokens.size).toBe(200);
  });

  it('rejects cookies that cannot be ours before touching the database', () => {
    expect(isWellFormedToken(newSessionToken().token)).toBe(true);
    expect(isWellFormedToken(undefined)).toBe(false);
    expect(isWellFormedToken('short')).toBe(false);
    expect(isWellFormedToken(`${'a'.repeat(42)}=`)).toBe(false);
  });
});
