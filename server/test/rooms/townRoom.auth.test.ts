import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseErrorCode } from '@starscape/shared';
import { startTestServer, type TestServer } from '../support/startTestServer';

let t: TestServer;
let townId: string;

beforeAll(async () => {
  t = await startTestServer();
  ({ townId } = await t.createPlayer('ada'));
});
afterAll(() => t.server.shutdown());

async function refusal(join: Promise<unknown>): Promise<{ code: string | null; status: number }> {
  try {
    await join;
  } catch (error: any) {
    return { code: parseErrorCode(String(error.message)), status: error.code };
  }
  throw new Error('the join was accepted');
}

describe('joining a town room needs a valid game token', () => {
  it('refuses a join without a token', async () => {
    const client = await t.clientFor('ada', { raw: undefined });
    expect(await refusal(client.joinOrCreate('town', { townId }))).toEqual({ code: 'auth/missing-token', status: 401 });
  });

  it('refuses an expired token', async () => {
    const client = await t.clientFor('ada', { expiresIn: -60 });
    expect((await refusal(client.joinOrCreate('town', { townId }))).code).toBe('auth/expired-token');
  });

  it('refuses a token signed with another key', async () => {
    const client = await t.clientFor('ada', { key: t.tokens.otherKey });
    expect((await refusal(client.joinOrCreate('town', { townId }))).code).toBe('auth/invalid-token');
  });

  it('refuses a token that is not a JWT at all', async () => {
    const client = await t.clientFor('ada', { raw: 'not.a.token' });
    expect((await refusal(client.joinOrCreate('town', { townId }))).code).toBe('auth/invalid-token');
  });

  it('refuses a token for another audience or from another issuer', async () => {
    const wrongAudience = await t.clientFor('ada', { audience: 'someone-else' });
    expect((await refusal(wrongAudience.joinOrCreate('town', { townId }))).code).toBe('auth/wrong-audience');
    const wrongIssuer = await t.clientFor('ada', { issuer: 'evil' });
    expect((await refusal(wrongIssuer.joinOrCreate('town', { townId }))).code).toBe('auth/wrong-audience');
  });

  it('refuses a valid token of an account that was deleted', async () => {
    await t.createPlayer('ghost');
    const client = await t.clientFor('ghost');
    t.users.delete('ghost');
    expect((await refusal(client.joinOrCreate('town', { townId }))).code).toBe('auth/unknown-user');
  });

  it('refuses malformed options and unknown towns, and leaves no room behind', async () => {
    const client = await t.clientFor('ada');
    expect((await refusal(client.joinOrCreate('town', {}))).code).toBe('town/invalid-options');
    expect((await refusal(client.joinOrCreate('town', { townId: 'nope' }))).code).toBe('town/not-found');
    const { matchMaker } = await import('@colyseus/core');
    expect(await matchMaker.query({ name: 'town', townId: 'nope' })).toHaveLength(0);
  });

  it('accepts a valid token, and the welcome names the owner role', async () => {
    const client = await t.clientFor('ada');
    const room = await client.joinOrCreate('town', { townId });
    const welcome = await new Promise<any>((resolve) => room.onMessage('welcome', resolve));
    expect(welcome).toMatchObject({ role: 'owner', townId, protocol: 1 });
    expect(Math.abs(welcome.serverTime - t.now())).toBeLessThan(5000);
    await room.leave();
  });
});
