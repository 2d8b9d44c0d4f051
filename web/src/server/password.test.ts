import { describe, expect, it } from 'vitest';
import { SCRYPT_PARAMS, decoyHash, hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('stores a self-describing scrypt string with the configured cost', async () => {
    const stored = await hashPassword('correct horse battery');
    const [scheme, N, r, p, salt, hash] = stored.split('$');
    expect(scheme).toBe('scrypt');
    expect([Number(N), Number(r), Number(p)]).toEqual([SCRYPT_PARAMS.N, SCRYPT_PARAMS.r, SCRYPT_PARAMS.p]);
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(hash!, 'base64url')).toHaveLength(32);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
    // scrypt pads short keys with zero bytes: without the check these two would open the account
    expect(await verifyPassword('correct horse battery\u0000', stored)).toBe(false);
    expect(await verifyPassword('correct horse battery\u0000\u0000', stored)).toBe(false);
  });

  it('salts every hash, so the same password never hashes the same twice', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('verifies hashes made with other parameters, read from the string itself', async () => {
    const cheap = await hashPassword('old password', { N: 2 ** 10, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('old password', cheap)).toBe(true);
  });

  it('treats unreadable or dangerous stored strings as a mismatch instead of throwing', async () => {
    const good = await hashPassword('pw');
    const [, , , , salt, hash] = good.split('$');
    for (const bad of ['', 'plaintext', 'bcrypt$x', `scrypt$1000$8$1$${salt}$${hash}`, `scrypt$${2 ** 30}$8$1$${salt}$${hash}`, `scrypt$1024$8$1$$${hash}`]) {
      expect(await verifyPassword('pw', bad)).toBe(false);
    }
  });

  it('normalizes Unicode, so the same visible password verifies whichever way it was typed', async () => {
    const composed = 'caf\u00e9 latte';
    const decomposed = 'cafe\u0301 latte';
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('keeps one decoy hash that never matches a guess', async () => {
    const decoy = await decoyHash();
    expect(await decoyHash()).toBe(decoy);
    expect(await verifyPassword('password', decoy)).toBe(false);
  });
});
