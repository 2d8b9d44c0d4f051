import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fuzzSettings } from '../../../server/test/faults/fuzz';
import { changeDisplayName, changePassword, claimAccount, deleteAccount } from '../../src/account/accountActions';
import { confirmLink, logIn, signUp } from '../../src/account/authActions';
import { claimSchema, deleteGuestSchema, displayNameSchema, signUpSchema } from '../../src/account/schemas';
import * as confirmRoute from '../../src/app/api/auth/confirm/route';
import * as guest from '../../src/app/api/auth/guest/route';
import * as signupRoute from '../../src/app/api/auth/signup/route';
import { idleState, readForm, type FormState } from '../../src/forms/formState';
import { db } from '../../src/server/db';
import { settleMail } from '../../src/server/emailConfirmations';
import { confirmationTokenFor, outboxDir } from '../../src/server/mail/outbox';
import { sqliteTestDb, type TestDatabase } from '../../src/server/testDatabases';
import { HOST, SESSION_COOKIE, caseRng, hostileCookie, show } from './httpFuzz';
import { enter, scope } from '../../src/server/testing/nextScope';
import { hostileString, randomString, wellFormed, type Rng } from '../../../server/test/faults/fuzz';

/**
 * The account page's Server Actions, called as Next calls them after decoding the form: `(previousState,
 * FormData)`, inside a request scope (cookies, headers). Next's own action endpoint (the action id header,
 * its body decoding and 1 MB limit) is not part of this.
 */

vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('../../src/server/testing/nextScope').then((m) => m.nextHeaders));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

type Action = (previous: FormState<never>, data: FormData) => Promise<FormState<string>>;

const { seed, cases } = fuzzSettings(5000);
const actionCases = Math.max(100, Math.round(cases / 5));
const PASSWORD = 'correct horse battery';

let database: TestDatabase;
const saved: Record<string, string | undefined> = {};
const cookies = { registered: '', guest: '' };

async function post(handler: (r: Request) => Promise<Response>, path: string, body: string | null): Promise<number> {
  const headers = new Headers({ host: HOST, 'x-forwarded-for': '203.0.113.9' });
  if (body) headers.set('content-type', 'application/json');
  const request = new Request(`http://${HOST}/api/${path}`, { method: 'POST', headers, body });
  enter(request.headers);
  return (await handler(request)).status;
}

async function signedUpCookie(handler: (r: Request) => Promise<Response>, path: string, body: string | null): Promise<string> {
  expect(await post(handler, path, body)).toBe(201);
  return `${SESSION_COOKIE}=${scope.sets.find((c) => c.name === SESSION_COOKIE)!.value}`;
}

beforeAll(async () => {
  database = await sqliteTestDb('starscape-faults-actions-')();
  for (const name of ['DATABASE_URL', 'DATA_DIR']) saved[name] = process.env[name];
  process.env.DATABASE_URL = database.url;
  process.env.DATA_DIR = database.dir; // mail goes to its outbox
  vi.spyOn(console, 'log').mockImplementation(() => undefined); // the outbox announces each mail
  expect(await post(signupRoute.POST, 'auth/signup', JSON.stringify({ displayName: 'Form Pilot', email: 'form@example.com', password: PASSWORD }))).toBe(202);
  await settleMail();
  const token = await confirmationTokenFor(outboxDir(database.dir), 'form@example.com');
  cookies.registered = await signedUpCookie(confirmRoute.POST, 'auth/confirm', JSON.stringify({ token }));
  cookies.guest = await signedUpCookie(guest.POST, 'auth/guest', null);
}, 60_000);

afterAll(async () => {
  await db().$disconnect();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await database?.close();
});

async function dbState() {
  await settleMail();
  const [users, sessions, towns, confirmations] = await Promise.all([
    db().user.findMany({ orderBy: { id: 'asc' } }),
    db().session.findMany({ orderBy: { id: 'asc' } }),
    db().town.findMany({ orderBy: { id: 'asc' } }),
    db().emailConfirmation.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return { users, sessions, towns, confirmations };
}

/** A form field's value of every kind: absent, empty, a file, huge, control characters, near misses. */
function hostileField(rng: Rng, near: string): Array<string | File> {
  const roll = rng.int(0, 9);
  if (roll === 0) return [];
  if (roll === 1) return [''];
  if (roll === 2) return [new File([randomString(rng, rng.size(200))], rng.pick(['x.txt', '../../etc/passwd', '']), { type: rng.pick(['text/plain', 'application/json', '']) })];
  if (roll === 3) return [near, rng.pick([near, 'second value'])]; // the field twice
  if (roll === 4) return ['x'.repeat(rng.int(129, 300_000))];
  if (roll === 5) return [`${near}${rng.pick(['\u0000', '\u202e', '\r\n', '\u200b', ' '.repeat(300)])}`];
  if (roll === 6) return [wellFormed(randomString(rng, rng.size(300)))];
  if (roll === 7) return [wellFormed(hostileString(rng, 2000))];
  return [near];
}

interface ActionCase {
  name: string;
  action: Action;
  fields: Record<string, string>;
  /** whether these values, from this session, would legitimately change something (then the case is skipped) */
  wouldSucceed: (values: Record<string, string>, session: keyof typeof cookies | 'other') => boolean;
}

const actions: ActionCase[] = [
  { name: 'signUp', action: signUp as Action, fields: { displayName: 'New Pilot', email: 'new@example.com', password: 'long enough pw' }, wouldSucceed: (v) => signUpSchema.safeParse(v).success },
  // a token that was mailed is 43 random characters; no hostile value is one
  { name: 'confirmLink', action: confirmLink as Action, fields: { token: 'A'.repeat(43) }, wouldSucceed: () => false },
  { name: 'logIn', action: logIn as Action, fields: { email: 'form@example.com', password: 'not the password', next: '/play' }, wouldSucceed: (v) => v.email?.trim().toLowerCase() === 'form@example.com' && v.password === PASSWORD },
  { name: 'changeDisplayName', action: changeDisplayName as Action, fields: { displayName: 'Other Name' }, wouldSucceed: (v, s) => s !== 'other' && displayNameSchema.safeParse(v).success },
  { name: 'changePassword', action: changePassword as Action, fields: { currentPassword: 'wrong password', newPassword: 'another long pw' }, wouldSucceed: (v, s) => s === 'registered' && v.currentPassword === PASSWORD },
  { name: 'claimAccount', action: claimAccount as Action, fields: { email: 'claim@example.com', password: 'long enough pw' }, wouldSucceed: (v, s) => s === 'guest' && claimSchema.safeParse(v).success },
  {
    name: 'deleteAccount',
    action: deleteAccount as Action,
    fields: { password: 'wrong password', confirm: 'delete' },
    wouldSucceed: (v, s) => (s === 'guest' && deleteGuestSchema.safeParse(v).success) || (s === 'registered' && v.password === PASSWORD),
  },
];

describe(`the account Server Actions under hostile forms (FUZZ_SEED=${seed}, ${actionCases} forms)`, () => {
  it('answer every hostile form with an error state: no redirect, no throw, no password echoed, nothing changed', async () => {
    const before = await dbState();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const tally: Record<string, number> = {};
    try {
      for (let index = 0; index < actionCases; index++) {
        const rng = caseRng(seed ^ 0xac7, index);
        const subject = actions[index % actions.length]!;
        const session = rng.pick(['registered', 'guest', 'other'] as const);
        const cookie = session === 'other' ? hostileCookie(rng) : cookies[session];
        const data = new FormData();
        for (const [field, near] of Object.entries(subject.fields)) for (const value of hostileField(rng, near)) data.append(field, value);
        if (rng.chance(0.3)) data.append(rng.pick(['__proto__', 'constructor', '$ACTION_ID_x', 'userId', 'isGuest']), 'x');
        if (subject.wouldSucceed(readForm(data, Object.keys(subject.fields)), session)) continue;
        const where = `FUZZ_SEED=${seed}, form case ${index}: ${subject.name} as ${session} (${show(cookie)}) with ${show(Object.fromEntries([...data.keys()].map((k) => [k, data.getAll(k).map((v) => (typeof v === 'string' ? v : `<file ${v.name}>`))])))}`;
        const headers = new Headers({ host: HOST, 'x-forwarded-for': '203.0.113.9' });
        if (cookie) headers.set('cookie', cookie);
        enter(headers);
        let state: FormState<string>;
        try {
          state = await subject.action(idleState as FormState<never>, data);
        } catch (error) {
          throw new Error(`${where}: threw ${(error as { digest?: string }).digest ?? String(error)}`, { cause: error });
        }
        expect(state.status, where).toBe('error');
        expect(typeof (state.message ?? ''), where).toBe('string');
        for (const message of Object.values(state.fieldErrors ?? {})) expect(typeof message, where).toBe('string');
        expect(Object.keys(state.values ?? {}).filter((k) => /password/i.test(k)), `${where}: no password echoed`).toEqual([]);
        expect(scope.sets, `${where}: no cookie set`).toEqual([]);
        expect(scope.deletes, `${where}: no cookie deleted`).toEqual([]);
        tally[subject.name] = (tally[subject.name] ?? 0) + 1;
      }
      expect(errors, 'nothing logged as an error').not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
    expect(await dbState(), 'players, sessions, starbases and pending confirmations are unchanged').toEqual(before);
    console.info(`[faults] actions: ${JSON.stringify(tally)} hostile forms, seed ${seed}`);
  });
});
