import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fuzzSettings } from '../../../server/test/faults/fuzz';
import { logInSchema, signUpSchema } from '../../src/account/schemas';
import * as confirm from '../../src/app/api/auth/confirm/route';
import * as guest from '../../src/app/api/auth/guest/route';
import * as login from '../../src/app/api/auth/login/route';
import * as logout from '../../src/app/api/auth/logout/route';
import * as signup from '../../src/app/api/auth/signup/route';
import * as gameToken from '../../src/app/api/game-token/route';
import * as me from '../../src/app/api/me/route';
import * as raidTargets from '../../src/app/api/raid-targets/route';
import { db } from '../../src/server/db';
import { settleMail } from '../../src/server/emailConfirmations';
import { confirmationTokenFor, outboxDir } from '../../src/server/mail/outbox';
import { fieldsOf, isJsonContentType } from '../../src/server/jsonBody';
import { sqliteTestDb, type TestDatabase } from '../../src/server/testDatabases';
import { enter, scope } from '../../src/server/testing/nextScope';
import { HOST, SESSION_COOKIE, caseRng, hostileBody, hostileCookie, hostileLimit, replacer, show, type HostileBody } from './httpFuzz';

/**
 * Every /api route, called as Next calls it (the exported method handlers with a real `Request`), against a
 * real migrated SQLite file. Next's request scope is the one thing replaced: `cookies()` and `headers()` read
 * the request at hand and record what the route sets. What Next itself does before a handler runs (unknown
 * methods such as TRACE, HEAD mapped to GET, its own body parsing for Server Actions) is not covered here.
 */

vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => import('../../src/server/testing/nextScope').then((m) => m.nextHeaders));

type Handler = (request: Request) => Promise<Response>;
type RouteModule = Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS', Handler>;

const { seed, cases } = fuzzSettings(5000);
/** HTTP cases: fewer than room messages (each may touch the database) */
const httpCases = Math.max(200, Math.round(cases / 2));
const MAX_JSON_BODY_BYTES = 8 * 1024;

let database: TestDatabase;
let routes: Record<string, { module: RouteModule; method: 'GET' | 'POST'; valid: Record<string, unknown> | null; reads: 'required' | 'optional' | 'none' }>;
let sessionCookie: string;
const saved: Record<string, string | undefined> = {};

/** Calls a handler the way Next would for this request, with the request scope `cookies()`/`headers()` read. */
async function call(handler: Handler, request: Request) {
  enter(request.headers);
  const response = await handler(request);
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = Symbol('not json');
  }
  return { response, text, json, sets: [...scope.sets], deletes: [...scope.deletes] };
}

function requestOf(path: string, method: string, options: { body?: HostileBody; cookie?: string | null; origin?: string | null; search?: string } = {}): Request {
  const headers = new Headers({ host: HOST });
  if (options.cookie) headers.set('cookie', options.cookie);
  if (options.origin) headers.set('origin', options.origin);
  headers.set('x-forwarded-for', '203.0.113.7');
  const body = options.body;
  if (body?.contentType !== null && body?.contentType !== undefined) headers.set('content-type', body.contentType);
  if (body?.contentLength) headers.set('content-length', body.contentLength);
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (body?.bytes && method !== 'GET' && method !== 'HEAD') {
    init.body = body.bytes as Uint8Array<ArrayBuffer>;
    init.duplex = 'half';
  }
  return new Request(`http://${HOST}/api/${path}${options.search ?? ''}`, init);
}

/**
 * Everything a hostile request must not change: players, sessions, starbases, pending email confirmations
 * (rate-limit counters may move). Mail work started by a request is waited for first.
 */
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

beforeAll(async () => {
  database = await sqliteTestDb('starscape-faults-web-')();
  for (const name of ['DATABASE_URL', 'GAME_TOKEN_PRIVATE_KEY', 'DATA_DIR', 'GAME_SERVER_URL']) saved[name] = process.env[name];
  process.env.DATABASE_URL = database.url;
  process.env.DATA_DIR = database.dir; // mail goes to its outbox
  vi.spyOn(console, 'log').mockImplementation(() => undefined); // the outbox announces each mail
  process.env.GAME_TOKEN_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  delete process.env.GAME_SERVER_URL;
  // the routes read their environment and open the database on first use, not on import
  const load = (module: object) => module as RouteModule;
  routes = {
    'auth/signup': { module: load(signup), method: 'POST', valid: { displayName: 'Fuzz Pilot', email: 'pilot@example.com', password: 'correct horse battery' }, reads: 'required' },
    // no hostile body carries a token that was mailed (43 random characters)
    'auth/confirm': { module: load(confirm), method: 'POST', valid: { token: 'A'.repeat(43) }, reads: 'required' },
    'auth/login': { module: load(login), method: 'POST', valid: { email: 'pilot@example.com', password: 'correct horse battery' }, reads: 'required' },
    'auth/guest': { module: load(guest), method: 'POST', valid: null, reads: 'optional' },
    'auth/logout': { module: load(logout), method: 'POST', valid: null, reads: 'none' },
    'game-token': { module: load(gameToken), method: 'POST', valid: null, reads: 'none' },
    me: { module: load(me), method: 'GET', valid: null, reads: 'none' },
    'raid-targets': { module: load(raidTargets), method: 'GET', valid: null, reads: 'none' },
  };
  // one real player, signed in: the fuzz uses its session cookie for the routes that need one
  const requested = await call(routes['auth/signup']!.module.POST, requestOf('auth/signup', 'POST', { body: jsonBody(routes['auth/signup']!.valid!) }));
  expect(requested.response.status).toBe(202);
  await settleMail();
  const token = await confirmationTokenFor(outboxDir(database.dir), 'pilot@example.com');
  const signedUp = await call(routes['auth/confirm']!.module.POST, requestOf('auth/confirm', 'POST', { body: jsonBody({ token }) }));
  expect(signedUp.response.status).toBe(201);
  sessionCookie = `${SESSION_COOKIE}=${signedUp.sets.find((c) => c.name === SESSION_COOKIE)!.value}`;
}, 60_000);

afterAll(async () => {
  await db().$disconnect();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await database?.close();
});

/** Whether a body is small enough and labelled as JSON (or absent): the JSON routes read only those. */
function couldBeRead(body: HostileBody): boolean {
  const declared = Number(body.contentLength ?? NaN);
  const size = body.bytes?.length ?? 0;
  return !(declared > MAX_JSON_BODY_BYTES) && size <= MAX_JSON_BODY_BYTES && (size === 0 || isJsonContentType(body.contentType));
}

function jsonBody(value: unknown): HostileBody {
  return { kind: 'json object', bytes: new TextEncoder().encode(JSON.stringify(value)), contentType: 'application/json', contentLength: null, isJsonObject: true };
}

/** The shape of every refusal: `{ error, fields? }`, never cached, never a session cookie. */
function expectRefusal(result: Awaited<ReturnType<typeof call>>, where: string) {
  expect(result.response.status, where).toBeGreaterThanOrEqual(400);
  expect(result.response.status, where).toBeLessThan(500);
  expect(result.response.headers.get('cache-control'), where).toBe('no-store');
  expect(result.json, `${where}: a JSON error body`).toMatchObject({ error: expect.any(String) });
  const fields = (result.json as { fields?: unknown }).fields;
  if (fields !== undefined) for (const message of Object.values(fields as object)) expect(typeof message, where).toBe('string');
  expect(result.sets, `${where}: no cookie set`).toEqual([]);
}

describe(`the /api routes under hostile requests (FUZZ_SEED=${seed}, ${httpCases} requests)`, () => {
  it('answer every method they do not serve with a JSON 405 naming the allowed ones, and OPTIONS with 204', async () => {
    for (const [path, route] of Object.entries(routes)) {
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
        if (method === route.method) continue;
        for (const body of [undefined, jsonBody({ email: 'x' })]) {
          const result = await call(route.module[method], requestOf(path, method, { body: method === 'GET' ? undefined : body, cookie: sessionCookie }));
          expect(result.response.status, `${method} /api/${path}`).toBe(405);
          expect(result.response.headers.get('allow'), `${method} /api/${path}`).toBe(route.method === 'GET' ? 'GET, HEAD, OPTIONS' : 'POST, OPTIONS');
          expectRefusal(result, `${method} /api/${path}`);
        }
      }
      const options = await call(route.module.OPTIONS, requestOf(path, 'OPTIONS'));
      expect(options.response.status).toBe(204);
      expect(options.response.headers.get('allow')).toContain('OPTIONS');
    }
  });

  it(`refuse ${httpCases} malformed, oversized, mistyped and incomplete requests with a clear 4xx, change nothing, and never 500`, async () => {
    const before = await dbState();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const tally: Record<string, Record<number, number>> = {};
    const started = Date.now();
    try {
      const names = Object.keys(routes);
      for (let index = 0; index < httpCases; index++) {
        const rng = caseRng(seed ^ 0x4777, index);
        const path = names[index % names.length]!;
        const route = routes[path]!;
        const crossSite = rng.chance(0.05);
        const origin = crossSite ? rng.pick(['https://evil.example', 'null', 'http://play.example.evil', 'not a url']) : rng.chance(0.3) ? `http://${HOST}` : null;
        // a valid session now and then for the routes that need one (never for logout: it would end it)
        const cookie = path !== 'auth/logout' && rng.chance(0.4) ? sessionCookie : hostileCookie(rng);
        const body = route.method === 'POST' ? hostileBody(rng, route.valid, MAX_JSON_BODY_BYTES) : undefined;
        const limit = path === 'raid-targets' ? hostileLimit(rng) : null;
        const search = limit ? `?${limit.map((v) => `limit=${encodeURIComponent(v)}`).join('&')}` : '';
        // the JSON object bodies that could pass (a guest needs none, sign-up with valid fields) would create a player
        // (or a pending sign-up)
        if (path === 'auth/guest' && couldBeRead(body!) && (!body!.bytes?.length || body!.isJsonObject)) continue;
        // …and so would a log-in that kept the real credentials among its near misses
        if ((path === 'auth/signup' || path === 'auth/login') && couldBeRead(body!) && body!.isJsonObject) {
          const parsed = JSON.parse(new TextDecoder().decode(body!.bytes!)) as Record<string, unknown>;
          if (path === 'auth/signup' && signUpSchema.safeParse(fieldsOf(parsed, ['displayName', 'email', 'password'])).success) continue;
          const credentials = logInSchema.safeParse(fieldsOf(parsed, ['email', 'password']));
          // (trailing NULs included: see the known issue below)
          if (path === 'auth/login' && credentials.success && credentials.data.email === route.valid!.email && credentials.data.password.replace(/\u0000+$/, '') === route.valid!.password) continue;
        }
        const where = `FUZZ_SEED=${seed}, http case ${index}: ${route.method} /api/${path}${search.slice(0, 80)} origin=${origin} cookie=${show(cookie)} body=${body ? `${body.kind} ${body.contentType} len=${body.contentLength} ${show(body.bytes ? new TextDecoder().decode(body.bytes.subarray(0, 120)) : null)}` : 'none'}`;
        const result = await call(route.module[route.method], requestOf(path, route.method, { body, cookie, origin, search }));
        const status = result.response.status;
        (tally[path] ??= {})[status] = (tally[path]![status] ?? 0) + 1;
        expect(status, `${where}: never a server error`).toBeLessThan(500);
        if (crossSite) {
          expect(status, where).toBe(403);
          expectRefusal(result, where);
          continue;
        }
        if (status < 400) {
          // only routes that read no body may succeed, and only as they would without it
          expect(['auth/logout', 'game-token', 'me', 'raid-targets'], `${where}: succeeded with ${status} ${result.text.slice(0, 200)}`).toContain(path);
          if (path === 'auth/logout') expect(result.json, where).toEqual({ ok: true });
          else expect(cookie, `${where}: success needs the session`).toBe(sessionCookie);
          if (path === 'raid-targets') expect((result.json as { targets: unknown[] }).targets.length, where).toBeLessThanOrEqual(30);
          expect(result.sets, `${where}: no cookie set`).toEqual([]);
          continue;
        }
        expectRefusal(result, where);
        if (path === 'raid-targets' && status === 400) expect((result.json as { fields?: { limit?: string } }).fields?.limit, where).toEqual(expect.any(String));
      }
      expect(errors, 'nothing logged as an unexpected error').not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
    expect(await dbState(), 'players, sessions, starbases and pending confirmations are unchanged').toEqual(before);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const summary = Object.entries(tally)
      .map(([path, statuses]) => `${path} ${JSON.stringify(statuses, replacer)}`)
      .join('; ');
    console.info(`[faults] http: ${httpCases} cases in ${Date.now() - started} ms, seed ${seed} — ${summary}`);
  });

  // found by this suite: scrypt keys its PBKDF2-HMAC with the password, and HMAC pads a short key with zero
  // bytes, so the password followed by NULs was the same password; passwords with U+0000 are now refused
  it('refuse a log-in with the right password plus a trailing NUL', async () => {
    const before = await dbState();
    const { email, password } = routes['auth/login']!.valid as { email: string; password: string };
    const result = await call(routes['auth/login']!.module.POST, requestOf('auth/login', 'POST', { body: jsonBody({ email, password: `${password}\u0000` }), cookie: null }));
    try {
      expect(result.response.status).toBe(401);
      expect(result.sets).toEqual([]);
    } finally {
      // a session it opened would be counted by the next tests: close it again
      await db().session.deleteMany({ where: { id: { notIn: before.sessions.map((s) => s.id) } } });
    }
  });

  it('still serve the signed-in player afterwards', async () => {
    const mine = await call(routes.me!.module.GET, requestOf('me', 'GET', { cookie: sessionCookie }));
    expect(mine.response.status).toBe(200);
    expect(mine.json).toMatchObject({ user: { displayName: 'Fuzz Pilot' }, townId: expect.any(String) });
    const token = await call(routes['game-token']!.module.POST, requestOf('game-token', 'POST', { cookie: sessionCookie }));
    expect(token.response.status).toBe(200);
    expect(token.json).toMatchObject({ token: expect.any(String), townId: (mine.json as { townId: string }).townId });
  });
});
