import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as confirmRoute from '../app/api/auth/confirm/route';
import * as guestRoute from '../app/api/auth/guest/route';
import * as loginRoute from '../app/api/auth/login/route';
import * as signupRoute from '../app/api/auth/signup/route';
import { db } from './db';
import { CONFIRMATION_TTL_MS, findConfirmation, mailClaimLink, settleMail } from './emailConfirmations';
import { confirmationTokenFor, outboxDir, readOutbox } from './mail/outbox';
import { SESSION_COOKIE } from './sessionToken';
import { sqliteTestDb, type TestDatabase } from './testDatabases';
import { enter, scope } from './testing/nextScope';

/**
 * Sign-up by mailed link, end to end through the JSON routes on a migrated SQLite file, with the outbox
 * mailer (no SMTP_URL) writing real files: what is mailed, what a link does, and that the answers never
 * depend on whether an address has an account.
 */

vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('./testing/nextScope').then((m) => m.nextHeaders));

type Handler = (request: Request) => Promise<Response>;

const PASSWORD = 'correct horse battery';
const saved: Record<string, string | undefined> = {};
let database: TestDatabase;
let dataDir: string;
let address = 0;

/** POSTs JSON as a browser on its own address would (throttles count per address), with an optional cookie. */
async function post(handler: Handler, route: string, body: unknown, cookie?: string) {
  const headers = new Headers({ host: 'play.example', 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${++address}` });
  if (cookie) headers.set('cookie', cookie);
  enter(headers);
  const response = await handler(new Request(`http://play.example/api/${route}`, { method: 'POST', headers, body: JSON.stringify(body) }));
  const session = scope.sets.find((set) => set.name === SESSION_COOKIE);
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: [...response.headers], cookie: session && `${SESSION_COOKIE}=${session.value}` };
}

const signUp = (email: string, displayName = 'Mail Pilot', password = PASSWORD) => post(signupRoute.POST, 'auth/signup', { displayName, email, password });
const confirm = (token: unknown) => post(confirmRoute.POST, 'auth/confirm', { token });
const logIn = (email: string, password = PASSWORD) => post(loginRoute.POST, 'auth/login', { email, password });

async function mailsTo(email: string) {
  await settleMail();
  return (await readOutbox(outboxDir(dataDir))).filter((mail) => mail.to === email);
}

async function tokenFor(email: string): Promise<string> {
  await settleMail();
  const token = await confirmationTokenFor(outboxDir(dataDir), email);
  if (!token) throw new Error(`no link mailed to ${email}`);
  return token;
}

/** Signs a player up and confirms; returns their session cookie. */
async function confirmedPlayer(email: string, displayName = 'Mail Pilot'): Promise<{ cookie: string; userId: string }> {
  expect((await signUp(email, displayName)).status).toBe(202);
  const confirmed = await confirm(await tokenFor(email));
  expect(confirmed.status).toBe(201);
  return { cookie: confirmed.cookie!, userId: (confirmed.json.user as { id: string }).id };
}

async function tables() {
  const [users, towns, confirmations, sessions] = await Promise.all([
    db().user.findMany({ orderBy: { id: 'asc' } }),
    db().town.findMany({ orderBy: { id: 'asc' } }),
    db().emailConfirmation.findMany({ orderBy: { id: 'asc' } }),
    db().session.count(),
  ]);
  return { users, towns, confirmations, sessions };
}

beforeAll(async () => {
  database = await sqliteTestDb('starscape-confirm-')();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-outbox-'));
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'PUBLIC_URL', 'SMTP_URL']) saved[name] = process.env[name];
  process.env.DATABASE_URL = database.url;
  process.env.DATA_DIR = dataDir;
  process.env.PUBLIC_URL = 'https://play.example';
  delete process.env.SMTP_URL;
  vi.spyOn(console, 'log').mockImplementation(() => undefined); // the outbox announces every mail
}, 60_000);

beforeEach(() => settleMail());

afterAll(async () => {
  await settleMail();
  await db().$disconnect();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await database?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('sign-up by mailed link', () => {
  it('answers 202 "check your inbox", creates nothing until the mailed link is confirmed, then founds the account and signs in', async () => {
    const before = await tables();
    const answer = await signUp(' Nova@Example.com', 'Nova Prime');
    expect(answer.status).toBe(202);
    expect(answer.json).toEqual({ email: 'nova@example.com', message: expect.stringContaining('Check your inbox') });
    expect(answer.cookie).toBeUndefined();
    await settleMail();
    const pending = await tables();
    expect(pending.users).toEqual(before.users);
    expect(pending.confirmations).toHaveLength(before.confirmations.length + 1);
    // the token is never stored, only its hash
    const token = await tokenFor('nova@example.com');
    expect(pending.confirmations.map((row) => row.id)).not.toContain(token);

    const [mail] = await mailsTo('nova@example.com');
    expect(mail).toMatchObject({ to: 'nova@example.com', from: 'Starscape <no-reply@localhost>', subject: 'Confirm your email to found your Starscape starbase' });
    expect(mail!.text).toContain(`https://play.example/confirm?token=${token}`);
    expect(mail!.html).toContain(`https://play.example/confirm?token=${token}`);
    expect(await findConfirmation(token)).toEqual({ purpose: 'signUp', email: 'nova@example.com', displayName: 'Nova Prime' });

    // no log-in before confirming, and the answer is the one an unknown address gets
    expect((await logIn('nova@example.com')).json).toEqual((await logIn('nobody-at-all@example.com')).json);

    const confirmed = await confirm(token);
    expect(confirmed.status).toBe(201);
    expect(confirmed.json.user).toEqual({ id: expect.any(String), displayName: 'Nova Prime', email: 'nova@example.com', isGuest: false });
    expect(confirmed.cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    const after = await tables();
    expect(after.users).toHaveLength(before.users.length + 1);
    expect(after.towns.filter((town) => town.ownerId === (confirmed.json.user as { id: string }).id)).toHaveLength(1);
    expect(after.confirmations).toHaveLength(before.confirmations.length);
    expect((await logIn('nova@example.com')).status).toBe(200);

    // a link works once
    const again = await confirm(token);
    expect(again.status).toBe(400);
    expect(again.cookie).toBeUndefined();
    expect(await findConfirmation(token)).toBeNull();
  });

  it('answers an address that has an account exactly as a new one, changes nothing, and tells only the mailbox', async () => {
    await confirmedPlayer('taken@example.com', 'First Owner');
    const before = await tables();
    const shape = (a: Awaited<ReturnType<typeof signUp>>) => ({ status: a.status, json: a.json, headers: a.headers.filter(([name]) => name !== 'date'), cookie: a.cookie });
    const taken = await signUp('taken@example.com', 'Impostor', 'another password');
    const fresh = await signUp('fresh@example.com', 'Impostor', 'another password');
    expect(shape(taken)).toEqual({ ...shape(fresh), json: { ...fresh.json, email: 'taken@example.com', message: expect.stringContaining('taken@example.com') } });
    expect((fresh.json.message as string).replace('fresh@', 'taken@')).toBe(taken.json.message);

    const mails = await mailsTo('taken@example.com');
    expect(mails.at(-1)).toMatchObject({ subject: 'You already have a Starscape account' });
    expect(mails.at(-1)!.text).toContain('https://play.example/login');
    expect(mails.at(-1)!.text).not.toContain('/confirm');
    const after = await tables();
    expect(after.users).toEqual(before.users); // same owner, same name, same password hash
    expect(after.confirmations.filter((row) => row.email === 'taken@example.com')).toEqual([]);
    expect((await logIn('taken@example.com')).status).toBe(200);
    expect((await logIn('taken@example.com', 'another password')).status).toBe(401);
  });

  it('refuses unknown, malformed, missing and expired tokens without a session', async () => {
    for (const token of ['x'.repeat(43), 'short', '../../etc/passwd', 'A'.repeat(2_000)]) {
      const answer = await confirm(token);
      expect(answer.status, token.slice(0, 20)).toBe(400);
      expect(answer.cookie).toBeUndefined();
    }
    for (const token of [undefined, null, 42, ['x'], { token: 'x' }, '']) {
      expect(await confirm(token)).toMatchObject({ status: 400, json: { fields: { token: expect.any(String) } } });
    }
    expect((await signUp('late@example.com')).status).toBe(202);
    const token = await tokenFor('late@example.com');
    await db().emailConfirmation.updateMany({ where: { email: 'late@example.com' }, data: { expiresAt: new Date(Date.now() - 1) } });
    const users = await db().user.count();
    expect((await confirm(token)).status).toBe(400);
    expect(await db().user.count()).toBe(users);
    expect(CONFIRMATION_TTL_MS).toBe(24 * 60 * 60 * 1000);
  });

  it('a newer link replaces an older one; of two presses of one link, exactly one founds the account', async () => {
    expect((await signUp('twice@example.com', 'Old Name')).status).toBe(202);
    const first = await tokenFor('twice@example.com');
    expect((await signUp('twice@example.com', 'New Name')).status).toBe(202);
    const second = await tokenFor('twice@example.com');
    expect(second).not.toBe(first);
    expect((await confirm(first)).status).toBe(400);

    const users = await db().user.count();
    const answers = await Promise.all([confirm(second), confirm(second)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 400]);
    expect(await db().user.count()).toBe(users + 1);
    expect(await db().user.findUnique({ where: { email: 'twice@example.com' }, select: { displayName: true } })).toEqual({ displayName: 'New Name' });
  });

  it('a link pressed after its address got an account founds nothing (409), and other links die with the first confirmation', async () => {
    expect((await signUp('race@example.com', 'Racer One')).status).toBe(202);
    const one = await tokenFor('race@example.com');
    const [row] = await db().emailConfirmation.findMany({ where: { email: 'race@example.com' } });
    expect((await signUp('race@example.com', 'Racer Two')).status).toBe(202);
    const two = await tokenFor('race@example.com');
    expect((await confirm(two)).status).toBe(201);
    // the older request, as two requests racing past the replacement would have left it
    await db().emailConfirmation.create({ data: row! });
    const users = await db().user.count();
    const late = await confirm(one);
    expect(late.status).toBe(409);
    expect(late.cookie).toBeUndefined();
    expect(await db().user.count()).toBe(users);
    expect(await db().user.findUnique({ where: { email: 'race@example.com' }, select: { displayName: true } })).toEqual({ displayName: 'Racer Two' });
  });

  it('mails one address at most 5 times an hour, whoever asks (the answer stays the same)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await signUp('flooded@example.com', `Flooder ${i}`)).status);
    expect(statuses).toEqual(Array(7).fill(202));
    expect(await mailsTo('flooded@example.com')).toHaveLength(5);
    expect(warn).toHaveBeenCalledWith('[mail] not sending more confirmation mail to flooded@example.com this hour');
    warn.mockRestore();
  });
});

describe('a guest saving their account by mailed link', () => {
  async function guest(): Promise<{ cookie: string; id: string; displayName: string }> {
    const answer = await post(guestRoute.POST, 'auth/guest', {});
    expect(answer.status).toBe(201);
    const user = answer.json.user as { id: string; displayName: string };
    return { cookie: answer.cookie!, id: user.id, displayName: user.displayName };
  }

  it('keeps the same player and starbase, now with the confirmed email and password', async () => {
    const pilot = await guest();
    const town = await db().town.findFirstOrThrow({ where: { ownerId: pilot.id } });
    mailClaimLink({ userId: pilot.id, displayName: pilot.displayName, email: 'claimed@example.com', password: PASSWORD });
    const [mail] = await mailsTo('claimed@example.com');
    expect(mail!.subject).toBe('Confirm your email to keep your Starscape starbase');
    expect(mail!.text).toContain(`Commander ${pilot.displayName}`);
    // nothing changes before the link is pressed
    expect(await db().user.findUniqueOrThrow({ where: { id: pilot.id } })).toMatchObject({ isGuest: true, email: null });
    const token = await tokenFor('claimed@example.com');
    expect(await findConfirmation(token)).toEqual({ purpose: 'claim', email: 'claimed@example.com', displayName: pilot.displayName });

    const confirmed = await confirm(token);
    expect(confirmed.status).toBe(201);
    expect(confirmed.json.user).toEqual({ id: pilot.id, displayName: pilot.displayName, email: 'claimed@example.com', isGuest: false });
    expect(await db().town.findFirstOrThrow({ where: { ownerId: pilot.id } })).toMatchObject({ id: town.id });
    expect((await logIn('claimed@example.com')).json.user).toMatchObject({ id: pilot.id });
  });

  it('an address that has an account: the guest stays a guest and the owner is told by mail', async () => {
    await confirmedPlayer('owner@example.com', 'Real Owner');
    const pilot = await guest();
    mailClaimLink({ userId: pilot.id, displayName: pilot.displayName, email: 'owner@example.com', password: 'guest password' });
    expect((await mailsTo('owner@example.com')).at(-1)!.subject).toBe('You already have a Starscape account');
    expect(await db().user.findUniqueOrThrow({ where: { id: pilot.id } })).toMatchObject({ isGuest: true, email: null, passwordHash: null });
    expect(await db().emailConfirmation.count({ where: { userId: pilot.id } })).toBe(0);
  });

  it('a deleted guest takes its pending link with it', async () => {
    const pilot = await guest();
    mailClaimLink({ userId: pilot.id, displayName: pilot.displayName, email: 'gone@example.com', password: PASSWORD });
    const token = await tokenFor('gone@example.com');
    await db().user.delete({ where: { id: pilot.id } });
    expect(await db().emailConfirmation.count({ where: { email: 'gone@example.com' } })).toBe(0);
    expect((await confirm(token)).status).toBe(400);
  });
});
