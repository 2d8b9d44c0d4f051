import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, type Room } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmationTokenFor, outboxDir, waitForConfirmationToken, waitForMail } from '../web/src/server/mail/outbox';
import { freePort } from './support/freePort';
import { startStack, type RunningStack } from './support/stack';

/**
 * A bot's view of Starscape: plain HTTP + JSON against the real `npm start`, the session cookie carried
 * by hand, then colyseus.js with the game token. Everything a client needs is in these requests.
 */

const SESSION_COOKIE = 'starscape_session';
const WRONG_CREDENTIALS = 'Email or password is wrong.';


interface Answer {
  status: number;
  headers: Headers;
  body: any;
  /** `starscape_session=<token>` when the answer set the session cookie to a value */
  cookie: string | null;
  /** the raw Set-Cookie line for the session cookie, if any */
  setCookie: string | null;
}

interface Call {
  method?: string;
  /** an object is sent as JSON; a string is sent as is */
  json?: unknown;
  raw?: string;
  cookie?: string | null;
  headers?: Record<string, string>;
}

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a bot playing over the JSON API', () => {
  let dataDir: string;
  let gamePort: number;
  let stack: RunningStack;
  let base: string;

  async function call(route: string, { method = 'POST', json, raw, cookie, headers = {} }: Call = {}): Promise<Answer> {
    const sent: Record<string, string> = { ...headers };
    if (json !== undefined) sent['content-type'] ??= 'application/json';
    if (cookie) sent.cookie = cookie;
    const response = await fetch(new URL(route, base), { method, headers: sent, body: json !== undefined ? JSON.stringify(json) : raw });
    const text = await response.text();
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`)) ?? null;
    const pair = setCookie?.split(';')[0] ?? null;
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : null,
      cookie: pair && pair !== `${SESSION_COOKIE}=` ? pair : null,
      setCookie,
    };
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-api-e2e-'));
    const port = await freePort();
    gamePort = await freePort();
    stack = await startStack({ port, gamePort, dataDir, gameSpeed: 1 });
    // The address a bot on the same machine uses; the game server URL handed out follows its host.
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await stack?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  let guestCookie: string;
  let grant: { token: string; expiresAt: number; townId: string; serverUrl: string };

  it('starts as a guest, gets a session cookie, and reads who it is', async () => {
    const guest = await call('/api/auth/guest');
    expect(guest.status).toBe(201);
    expect(guest.headers.get('cache-control')).toBe('no-store');
    expect(guest.body).toEqual({ user: { id: expect.any(String), displayName: expect.stringMatching(/^Pilot-\d{4}$/), email: null, isGuest: true } });
    expect(guest.setCookie).toMatch(/HttpOnly/i);
    expect(guest.setCookie).toMatch(/SameSite=lax/i);
    guestCookie = guest.cookie!;
    expect(guestCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}$`));

    const me = await call('/api/me', { method: 'GET', cookie: guestCookie });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(me.body).toEqual({ user: guest.body.user, townId: expect.any(String) });

    const token = await call('/api/game-token', { cookie: guestCookie });
    expect(token.status).toBe(200);
    expect(token.headers.get('cache-control')).toBe('no-store');
    grant = token.body;
    expect(grant).toEqual({ token: expect.any(String), expiresAt: expect.any(Number), townId: me.body.townId, serverUrl: `ws://127.0.0.1:${gamePort}` });
    expect(grant.expiresAt).toBeGreaterThan(Date.now());
  });

  it('joins its town with the game token, starts an upgrade and cancels it', async () => {
    const client = new Client(grant.serverUrl);
    client.auth.token = grant.token;
    const room: Room<any> = await client.joinOrCreate('town', { townId: grant.townId });
    try {
      const welcome = await new Promise<any>((resolve) => room.onMessage('welcome', resolve));
      expect(welcome).toMatchObject({ protocol: 1, role: 'owner', townId: grant.townId });
      await until(() => room.state?.townId === grant.townId, 'the town state');
      expect(room.state.upgrade).toBeUndefined();
      const errors: any[] = [];
      room.onMessage('error', (message) => errors.push(message));

      room.send('upgrade:start', { building: 'metalMine' });
      await until(() => room.state.upgrade !== undefined || errors.length > 0, 'the upgrade to appear');
      expect(errors).toEqual([]);
      expect(room.state.upgrade).toMatchObject({ building: 'metalMine', toLevel: 1 });
      expect(room.state.upgrade.finishesAt).toBeGreaterThan(Date.now());

      room.send('upgrade:cancel');
      await until(() => room.state.upgrade === undefined || errors.length > 0, 'the upgrade to go');
      expect(errors).toEqual([]);
      expect(room.state.upgrade).toBeUndefined();
    } finally {
      await room.leave();
    }
  });

  it('gets every field that is wrong on a bad sign-up, and no cookie', async () => {
    const answer = await call('/api/auth/signup', { json: { displayName: 'x', email: 'not-an-email', password: 'short' } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: expect.any(String),
      fields: { displayName: expect.any(String), email: expect.any(String), password: expect.any(String) },
    });
    expect(answer.setCookie).toBeNull();

    const missing = await call('/api/auth/signup', { json: {} });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.fields).sort()).toEqual(['displayName', 'email', 'password']);
  });

  let pilotCookie: string;
  const pilot = { displayName: 'Ada Bot', email: 'ada.bot@example.com', password: 'correct horse battery' };

  it('signs up by the link mailed to it, is answered the same when the email is taken, and logs in', async () => {
    const signup = await call('/api/auth/signup', { json: { ...pilot, email: 'Ada.Bot@Example.com ' } });
    expect(signup.status).toBe(202);
    expect(signup.headers.get('cache-control')).toBe('no-store');
    expect(signup.body).toEqual({ email: pilot.email, message: expect.stringContaining(`we sent a link to ${pilot.email}`) });
    expect(signup.setCookie).toBeNull();
    // no account until the link is used
    expect((await call('/api/auth/login', { json: { email: pilot.email, password: pilot.password } })).status).toBe(401);

    // the server has no SMTP_URL: the mail is in its outbox, the link in its log
    const token = await waitForConfirmationToken(outboxDir(dataDir), pilot.email);
    expect(stack.output.some((line) => line.includes(`/confirm?token=${token}`))).toBe(true);
    const confirmed = await call('/api/auth/confirm', { json: { token } });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toEqual({ user: { id: expect.any(String), displayName: 'Ada Bot', email: pilot.email, isGuest: false } });
    pilotCookie = confirmed.cookie!;
    expect(pilotCookie).toBeTruthy();
    expect((await call('/api/me', { method: 'GET', cookie: pilotCookie })).body.user).toEqual(confirmed.body.user);
    expect((await call('/api/auth/confirm', { json: { token } })).status).toBe(400);

    // the same answer for an address that has an account: only its mailbox hears that it does
    const again = await call('/api/auth/signup', { json: pilot });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(signup.body);
    expect(again.setCookie).toBeNull();
    const notice = await waitForMail(outboxDir(dataDir), (mail) => mail.to === pilot.email && mail.subject === 'You already have a Starscape account');
    expect(notice.text).toContain('/login');
    expect(await confirmationTokenFor(outboxDir(dataDir), pilot.email)).toBe(token);

    const login = await call('/api/auth/login', { json: { email: pilot.email, password: pilot.password } });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ user: confirmed.body.user });
    expect(login.cookie).toBeTruthy();
    expect(login.cookie).not.toBe(pilotCookie);
  });

  it('cannot tell a wrong password from an unknown email', async () => {
    const wrongPassword = await call('/api/auth/login', { json: { email: pilot.email, password: 'not the password' } });
    const unknownEmail = await call('/api/auth/login', { json: { email: 'nobody@example.com', password: 'not the password' } });
    for (const answer of [wrongPassword, unknownEmail]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: WRONG_CREDENTIALS });
      expect(answer.setCookie).toBeNull();
    }
  });

  it('refuses malformed JSON, another content type and an oversized body, changing nothing', async () => {
    const malformed = await call('/api/auth/login', { raw: '{"email": "ada.bot@example.com", ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/not valid JSON/);
    expect(malformed.setCookie).toBeNull();

    const form = await call('/api/auth/login', { raw: `email=${pilot.email}&password=x`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(form.body).toEqual({ error: expect.stringContaining('application/json') });

    const huge = await call('/api/auth/signup', { json: { ...pilot, email: 'huge@example.com', displayName: 'x'.repeat(9000) } });
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual({ error: expect.any(String) });

    const array = await call('/api/auth/signup', { json: [pilot] });
    expect(array.status).toBe(400);
    expect(array.body).toEqual({ error: 'The request body must be a JSON object.' });
  });

  it('needs a live session for a game token', async () => {
    const none = await call('/api/game-token');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: expect.any(String) });
    expect(none.headers.get('cache-control')).toBe('no-store');
    expect((await call('/api/game-token', { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` })).status).toBe(401);
    expect((await call('/api/me', { method: 'GET' })).status).toBe(401);
  });

  it('refuses a browser request from another site', async () => {
    const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    const guest = await call('/api/auth/guest', { headers: evil });
    expect(guest.status).toBe(403);
    expect(guest.body).toEqual({ error: 'Cross-site requests are not allowed.' });
    expect(guest.setCookie).toBeNull();
    expect((await call('/api/game-token', { cookie: guestCookie, headers: { origin: 'https://evil.example' } })).status).toBe(403);
    // The site itself is welcome, as the game page's own fetch is.
    expect((await call('/api/game-token', { cookie: guestCookie, headers: { origin: base, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
  });

  it('answers other methods with a JSON 405', async () => {
    const answer = await call('/api/auth/login', { method: 'GET' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST, OPTIONS');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.body).toEqual({ error: expect.any(String) });
    expect((await call('/api/me', { method: 'DELETE' })).status).toBe(405);
  });

  it('logs out: the cookie is cleared and the old one no longer works', async () => {
    const logout = await call('/api/auth/logout', { cookie: guestCookie });
    expect(logout.status).toBe(200);
    expect(logout.body).toEqual({ ok: true });
    expect(logout.setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(logout.cookie).toBeNull();
    // A client that ignores the cleared cookie and sends the old one anyway is still signed out.
    expect((await call('/api/game-token', { cookie: guestCookie })).status).toBe(401);
    expect((await call('/api/me', { method: 'GET', cookie: guestCookie })).status).toBe(401);
  });

  it('is throttled like the forms, and told when to come back', async () => {
    // Sign-up allows 5 attempts an hour per address; this file has used some already.
    let answer: Answer | undefined;
    for (let i = 0; i < 8; i++) {
      // a forged X-Forwarded-For per attempt must not make each look like a new client
      answer = await call('/api/auth/signup', { json: pilot, headers: { 'x-forwarded-for': `198.51.100.${i}` } });
      if (answer.status === 429) break;
      expect(answer.status).toBe(202);
    }
    expect(answer!.status).toBe(429);
    expect(answer!.body).toEqual({ error: expect.stringMatching(/^Too many attempts/) });
    const retryAfter = Number(answer!.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 3600).toBe(true);
    expect(answer!.headers.get('cache-control')).toBe('no-store');
  });
});
