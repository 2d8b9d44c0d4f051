import { generateKeyPairSync } from 'node:crypto';
import { RequestCookies, ResponseCookies } from 'next/dist/compiled/@edge-runtime/cookies';
import { getPathMatch } from 'next/dist/shared/lib/router/utils/path-match';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { confirmationTokenFor, outboxDir, readOutbox } from '../../src/server/mail/outbox';
import { sqliteTestDb, type TestDatabase } from '../../src/server/testDatabases';
import { HOST, SESSION_COOKIE } from './httpFuzz';

/**
 * Web access (issue 6, part 3): security headers, the session cookie's flags as Next writes them into
 * Set-Cookie, the same-origin check of every /api route, log-in throttling, and log-in answers that do not
 * tell whether an account exists. Route handlers are called as Next calls them, against a migrated SQLite file.
 *
 * Next's request scope is replaced by one whose cookie jar is Next's own (`ResponseCookies`, what `cookies()`
 * writes through in a route handler), so the Set-Cookie headers checked here are the bytes Next would send.
 */

vi.mock('server-only', () => ({}));
const scope = vi.hoisted(() => ({ headers: new Headers(), out: new Headers() }));
vi.mock('next/headers', async () => {
  const { RequestCookies: Req, ResponseCookies: Res } = await import('next/dist/compiled/@edge-runtime/cookies');
  return {
    headers: async () => scope.headers,
    cookies: async () => {
      const incoming = new Req(scope.headers);
      const outgoing = new Res(scope.out);
      return {
        get: (name: string) => outgoing.get(name) ?? incoming.get(name),
        has: (name: string) => outgoing.has(name) || incoming.has(name),
        getAll: () => incoming.getAll(),
        set: (...args: Parameters<InstanceType<typeof Res>['set']>) => outgoing.set(...args),
        delete: (...args: Parameters<InstanceType<typeof Res>['delete']>) => outgoing.delete(...args),
      };
    },
  };
});

type Handler = (request: Request) => Promise<Response>;
type Routes = Record<string, { handler: Handler; method: 'GET' | 'POST'; body?: unknown }>;

let database: TestDatabase;
const saved: Record<string, string | undefined> = {};
const PASSWORD = 'correct horse battery';
let address = 0;
/** A fresh client address per test step, so throttle windows do not leak between steps. */
const nextAddress = () => `198.51.100.${++address}`;

/** A request as web/server.ts hands it to Next: Host, the trusted client address, maybe a cookie and Origin. */
function requestOf(path: string, method: string, options: { body?: unknown; cookie?: string; headers?: Record<string, string>; ip?: string } = {}): Request {
  const headers = new Headers({ host: HOST, 'x-forwarded-for': options.ip ?? '203.0.113.50', ...options.headers });
  if (options.cookie) headers.set('cookie', options.cookie);
  let body: string | undefined;
  if (options.body !== undefined && method !== 'GET') {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(options.body);
  }
  return new Request(`http://${HOST}/api/${path}`, { method, headers, body });
}

/** Calls a handler in its own request scope; returns the response, its JSON and the Set-Cookie lines Next would send. */
async function call(handler: Handler, request: Request) {
  scope.headers = request.headers;
  scope.out = new Headers();
  const response = await handler(request);
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined, headers: response.headers, setCookies: scope.out.getSetCookie() };
}

async function load() {
  const [signup, confirm, login, guest, logout, gameToken, me, raidTargets] = await Promise.all([
    import('../../src/app/api/auth/signup/route'),
    import('../../src/app/api/auth/confirm/route'),
    import('../../src/app/api/auth/login/route'),
    import('../../src/app/api/auth/guest/route'),
    import('../../src/app/api/auth/logout/route'),
    import('../../src/app/api/game-token/route'),
    import('../../src/app/api/me/route'),
    import('../../src/app/api/raid-targets/route'),
  ]);
  const { db } = await import('../../src/server/db');
  const { settleMail } = await import('../../src/server/emailConfirmations');
  return { signup, confirm, login, guest, logout, gameToken, me, raidTargets, db, settleMail };
}
let m: Awaited<ReturnType<typeof load>>;

async function dbState() {
  await m.settleMail();
  const [users, sessions, towns, confirmations] = await Promise.all([
    m.db().user.findMany({ orderBy: { id: 'asc' } }),
    m.db().session.findMany({ orderBy: { id: 'asc' } }),
    m.db().town.findMany({ orderBy: { id: 'asc' } }),
    m.db().emailConfirmation.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return { users, sessions, towns, confirmations };
}

/** Signs a new player up and confirms the mailed link: the confirmation's answer (it sets the session cookie). */
async function signUpConfirmed(modules: typeof m, email: string, displayName = 'Sec Pilot') {
  const requested = await call(modules.signup.POST, requestOf('auth/signup', 'POST', { body: { displayName, email, password: PASSWORD }, ip: nextAddress() }));
  expect(requested.status, requested.text).toBe(202);
  expect(requested.setCookies).toEqual([]);
  await modules.settleMail();
  const token = await confirmationTokenFor(outboxDir(database.dir), email);
  return call(modules.confirm.POST, requestOf('auth/confirm', 'POST', { body: { token }, ip: nextAddress() }));
}

/** Signs a new player up and returns their session cookie (as a Cookie header). */
async function signUp(email: string): Promise<string> {
  const answer = await signUpConfirmed(m, email);
  expect(answer.status, answer.text).toBe(201);
  const value = new ResponseCookies(new Headers(answer.setCookies.map((c): [string, string] => ['set-cookie', c]))).get(SESSION_COOKIE)!.value;
  return `${SESSION_COOKIE}=${value}`;
}

beforeAll(async () => {
  database = await sqliteTestDb('starscape-faults-security-')();
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'GAME_TOKEN_PRIVATE_KEY', 'GAME_SERVER_URL', 'NODE_ENV', 'SESSION_COOKIE_SECURE', 'GAME_PORT']) saved[name] = process.env[name];
  process.env.DATABASE_URL = database.url;
  process.env.DATA_DIR = database.dir; // mail goes to its outbox
  vi.spyOn(console, 'log').mockImplementation(() => undefined); // the outbox announces each mail
  process.env.GAME_TOKEN_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  delete process.env.GAME_SERVER_URL;
  delete process.env.SESSION_COOKIE_SECURE;
  m = await load();
}, 60_000);

afterAll(async () => {
  await m?.db().$disconnect();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await database?.close();
});

describe('security headers (static: next.config.ts headers(); CSP: src/proxy.ts at run time)', () => {
  async function withEnv<T>(env: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
    const before = { ...process.env };
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else (process.env as Record<string, string>)[k] = v;
    }
    try {
      return await run();
    } finally {
      for (const k of Object.keys(env)) {
        if (before[k] === undefined) delete process.env[k];
        else (process.env as Record<string, string>)[k] = before[k]!;
      }
    }
  }
  const staticRules = (env: Record<string, string | undefined>) =>
    withEnv(env, async () => {
      const { default: config } = await import('../../next.config');
      return { config, rules: await config.headers!() };
    });
  /** The CSP the proxy puts on a response for `path`, or null when its matcher skips the path. */
  const proxiedCsp = (env: Record<string, string | undefined>, path: string) =>
    withEnv(env, async () => {
      const { proxy, config } = await import('../../src/proxy');
      if (!config.matcher.some((source) => getPathMatch(source)(path) !== false)) return null;
      const { NextRequest } = await import('next/server');
      return proxy(new NextRequest(`http://${HOST}${path}`)).headers.get('content-security-policy');
    });
  const csp = (value: string | null) => Object.fromEntries((value ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
  const PAGES = ['/', '/play', '/login', '/signup', '/confirm', '/account', '/battles/abc', '/players/x', '/api/auth/login', '/api/game-token', '/no-such-page'];

  it(`send nosniff, no framing, a referrer and a permissions policy and HSTS (production) on ${PAGES.length + 2} paths: pages, /api, static files`, async () => {
    const { rules } = await staticRules({ NODE_ENV: 'production' });
    for (const path of [...PAGES, '/_next/static/chunks/app.js', '/icon.svg']) {
      const applying = rules.filter((rule) => getPathMatch(rule.source)(path) !== false && !rule.has && !rule.missing);
      const headers = Object.fromEntries(applying.flatMap((rule) => rule.headers.map((h) => [h.key.toLowerCase(), h.value])));
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['x-frame-options'], path).toBe('DENY');
      expect(headers['referrer-policy'], path).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
      expect(headers['permissions-policy'], path).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
      expect(Number(/^max-age=(\d+)/.exec(headers['strict-transport-security'] ?? '')?.[1]), path).toBeGreaterThanOrEqual(31_536_000);
    }
    const dev = await staticRules({ NODE_ENV: 'development' });
    expect(dev.rules.flatMap((r) => r.headers.map((h) => h.key))).not.toContain('Strict-Transport-Security');
  });

  it(`put a Content-Security-Policy on every page and /api answer (${PAGES.length} paths): own scripts only, no framing, connects only to the game server`, async () => {
    for (const path of PAGES) {
      const policy = csp(await proxiedCsp({ NODE_ENV: 'production', GAME_SERVER_URL: undefined, GAME_PORT: undefined }, path));
      expect(policy['frame-ancestors'], path).toEqual(["'none'"]);
      expect(policy['object-src'], path).toEqual(["'none'"]);
      expect(policy['base-uri'], path).toEqual(["'self'"]);
      expect(policy['form-action'], path).toEqual(["'self'"]);
      expect(policy['default-src'], path).toEqual(["'self'"]);
      // scripts only from this site (Next's inline bootstrap allowed), never eval in production, never another host
      expect(policy['script-src'], path).toEqual(["'self'", "'unsafe-inline'"]);
      // the game page reaches the game server (its matchmaker over http(s), then the WebSocket) and nothing else
      expect(policy['connect-src'], path).toEqual(["'self'", 'ws://*:2567', 'wss://*:2567', 'http://*:2567', 'https://*:2567']);
    }
  });

  it('name the game server of the running app in connect-src (GAME_SERVER_URL, else GAME_PORT), read per request', async () => {
    const configured = csp(await proxiedCsp({ NODE_ENV: 'production', GAME_SERVER_URL: 'wss://game.example.net:443' }, '/play'));
    expect(configured['connect-src']).toEqual(["'self'", 'wss://game.example.net', 'https://game.example.net']);
    const port = csp(await proxiedCsp({ NODE_ENV: 'production', GAME_SERVER_URL: undefined, GAME_PORT: '40123' }, '/play'));
    expect(port['connect-src']).toEqual(["'self'", 'ws://*:40123', 'wss://*:40123', 'http://*:40123', 'https://*:40123']);
  });

  it('do not widen the Server Actions origin check (Next refuses actions whose Origin is not the host)', async () => {
    const { config } = await staticRules({});
    expect((config.experimental as { serverActions?: { allowedOrigins?: unknown } } | undefined)?.serverActions?.allowedOrigins).toBeUndefined();
    expect(config.poweredByHeader).toBe(false);
  });
});

describe('the session cookie, as Set-Cookie says it', () => {
  const attributes = (line: string) => {
    const [pair, ...rest] = line.split(';').map((s) => s.trim());
    return { name: pair!.split('=')[0], value: pair!.slice(pair!.indexOf('=') + 1), flags: new Map(rest.map((a) => [a.split('=')[0]!.toLowerCase(), a.includes('=') ? a.slice(a.indexOf('=') + 1) : true] as const)) };
  };

  function checkSessionCookie(setCookies: string[], secure: boolean) {
    const lines = setCookies.filter((l) => l.startsWith(`${SESSION_COOKIE}=`));
    expect(lines, 'one session cookie set').toHaveLength(1);
    const { value, flags } = attributes(lines[0]!);
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(flags.get('httponly')).toBe(true);
    expect(String(flags.get('samesite')).toLowerCase()).toMatch(/^(lax|strict)$/);
    expect(flags.get('path')).toBe('/');
    expect(flags.has('secure')).toBe(secure);
    expect(flags.has('domain')).toBe(false); // host-only: no sibling subdomain receives it
    expect(flags.has('expires') || flags.has('max-age')).toBe(true);
  }

  it('is HttpOnly, SameSite=Lax, Path=/, host-only, not Secure outside production: sign-up, log-in, guest', async () => {
    const email = 'cookie-dev@example.com';
    const signedUp = await signUpConfirmed(m, email, 'Cookie Pilot');
    expect(signedUp.status).toBe(201);
    checkSessionCookie(signedUp.setCookies, false);
    const loggedIn = await call(m.login.POST, requestOf('auth/login', 'POST', { body: { email, password: PASSWORD }, ip: nextAddress() }));
    expect(loggedIn.status).toBe(200);
    checkSessionCookie(loggedIn.setCookies, false);
    const guest = await call(m.guest.POST, requestOf('auth/guest', 'POST', { ip: nextAddress() }));
    expect(guest.status).toBe(201);
    checkSessionCookie(guest.setCookies, false);
  });

  it('is also Secure in production (NODE_ENV=production, SESSION_COOKIE_SECURE unset)', async () => {
    const env = process.env as Record<string, string | undefined>; // NODE_ENV is typed read-only
    env.NODE_ENV = 'production';
    vi.resetModules(); // the env is read once per module instance
    const prod = await load();
    try {
      const answer = await signUpConfirmed(prod, 'cookie-prod@example.com', 'Prod Pilot');
      expect(answer.status).toBe(201);
      checkSessionCookie(answer.setCookies, true);
      const guest = await call(prod.guest.POST, requestOf('auth/guest', 'POST', { ip: nextAddress() }));
      checkSessionCookie(guest.setCookies, true);
    } finally {
      await prod.db().$disconnect();
      env.NODE_ENV = saved.NODE_ENV;
      if (saved.NODE_ENV === undefined) delete env.NODE_ENV;
      vi.resetModules();
    }
  });

  it('log-out clears it on Path=/ (the path it was set on) and the old cookie no longer works', async () => {
    const cookie = await signUp('cookie-out@example.com');
    expect((await call(m.me.GET, requestOf('me', 'GET', { cookie }))).status).toBe(200);
    const out = await call(m.logout.POST, requestOf('auth/logout', 'POST', { cookie }));
    expect(out.status).toBe(200);
    const cleared = out.setCookies.map(attributes).find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value).toBe('');
    expect(cleared?.flags.get('path')).toBe('/');
    expect(new Date(String(cleared?.flags.get('expires'))).getTime()).toBeLessThan(Date.now());
    expect((await call(m.me.GET, requestOf('me', 'GET', { cookie }))).status).toBe(401);
  });
});

describe('every /api route refuses cross-site requests (CSRF) before doing anything', () => {
  const CROSS_SITE: Array<[string, Record<string, string>]> = [
    ['another site’s Origin', { origin: 'https://evil.example' }],
    ['Origin null (sandboxed frame, data: URL)', { origin: 'null' }],
    ['a look-alike host', { origin: `http://${HOST}.evil.example` }],
    ['userinfo trick', { origin: `http://${HOST}@evil.example` }],
    ['same host, another port', { origin: `http://${HOST}:8443` }],
    ['a subdomain', { origin: `http://www.${HOST}` }],
    ['Sec-Fetch-Site cross-site, no Origin', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    ['same Origin but Sec-Fetch-Site cross-site', { origin: `http://${HOST}`, 'sec-fetch-site': 'cross-site' }],
    ['garbage Origin', { origin: '%%%' }],
  ];

  it(`${CROSS_SITE.length} cross-site shapes × 8 routes: 403, no cookie set, nothing stored`, async () => {
    const email = 'csrf@example.com';
    const cookie = await signUp(email);
    const routes: Routes = {
      'auth/signup': { handler: m.signup.POST, method: 'POST', body: { displayName: 'Csrf Pilot', email: 'csrf-new@example.com', password: PASSWORD } },
      'auth/confirm': { handler: m.confirm.POST, method: 'POST', body: { token: 'A'.repeat(43) } },
      'auth/login': { handler: m.login.POST, method: 'POST', body: { email, password: PASSWORD } },
      'auth/guest': { handler: m.guest.POST, method: 'POST' },
      'auth/logout': { handler: m.logout.POST, method: 'POST' },
      'game-token': { handler: m.gameToken.POST, method: 'POST' },
      me: { handler: m.me.GET, method: 'GET' },
      'raid-targets': { handler: m.raidTargets.GET, method: 'GET' },
    };
    const before = await dbState();
    const answers: Record<string, string> = {};
    for (const [path, route] of Object.entries(routes)) {
      for (const [label, headers] of CROSS_SITE) {
        const answer = await call(route.handler, requestOf(path, route.method, { body: route.body, cookie, headers, ip: nextAddress() }));
        answers[`${path}: ${label}`] = `${answer.status} ${(answer.json as { error?: string } | undefined)?.error} cookies=${answer.setCookies.length}`;
        expect(answer.text).not.toMatch(/token|"user"/);
      }
    }
    expect(new Set(Object.values(answers))).toEqual(new Set(['403 Cross-site requests are not allowed. cookies=0']));
    expect(await dbState()).toEqual(before);
    // control: the same requests from the site itself work (the session is still valid: logout was refused)
    // (the routes that switch or end the session go last)
    for (const path of ['me', 'raid-targets', 'game-token', 'auth/login', 'auth/logout']) {
      const route = routes[path]!;
      const answer = await call(route.handler, requestOf(path, route.method, { body: route.body, cookie, headers: { origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' }, ip: nextAddress() }));
      expect(answer.status, `${path}: ${answer.text}`).toBeLessThan(300);
    }
  });
});

describe('log-in throttling', () => {
  it('after 10 failed log-ins from one address, the 11th is refused (429, Retry-After) even with the right password; another address is not', async () => {
    const email = 'throttle@example.com';
    await signUp(email);
    const ip = nextAddress();
    const before = (await dbState()).sessions.length;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await call(m.login.POST, requestOf('auth/login', 'POST', { body: { email, password: `wrong ${i} horse` }, ip }))).status);
    expect(statuses).toEqual(Array(10).fill(401));
    const blocked = await call(m.login.POST, requestOf('auth/login', 'POST', { body: { email, password: PASSWORD }, ip }));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.setCookies).toEqual([]);
    // an unknown account from the throttled address is throttled the same (the limit is not per known account)
    expect((await call(m.login.POST, requestOf('auth/login', 'POST', { body: { email: 'nobody@example.com', password: PASSWORD }, ip }))).status).toBe(429);
    expect((await dbState()).sessions.length).toBe(before);
    // the owner, from elsewhere, still gets in
    expect((await call(m.login.POST, requestOf('auth/login', 'POST', { body: { email, password: PASSWORD }, ip: nextAddress() }))).status).toBe(200);
  });

  it('30 failed log-ins to one account from 30 addresses lock that account’s log-in for a while, from any address', async () => {
    const email = 'spray@example.com';
    await signUp(email);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await call(m.login.POST, requestOf('auth/login', 'POST', { body: { email, password: `spray ${i} guess` }, ip: nextAddress() }))).status);
    expect(statuses).toEqual(Array(30).fill(401));
    const blocked = await call(m.login.POST, requestOf('auth/login', 'POST', { body: { email, password: PASSWORD }, ip: nextAddress() }));
    expect(blocked.status).toBe(429);
    expect(blocked.setCookies).toEqual([]);
  });

  it('sign-up is throttled per address too (5 an hour)', async () => {
    const ip = nextAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(m.signup.POST, requestOf('auth/signup', 'POST', { body: { displayName: `Burst ${i}`, email: `burst${i}@example.com`, password: PASSWORD }, ip }))).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });
});

describe('log-in does not tell whether an account exists', () => {
  it('an unknown email and a wrong password get the same answer: status, body, headers, cookies', async () => {
    const email = 'exists@example.com';
    await signUp(email);
    const answer = async (body: Record<string, string>) => {
      const a = await call(m.login.POST, requestOf('auth/login', 'POST', { body, ip: nextAddress() }));
      return { status: a.status, body: a.text, cookies: a.setCookies, headers: [...a.headers].filter(([k]) => k !== 'date') };
    };
    const wrongPassword = await answer({ email, password: 'not the password' });
    const unknown = await answer({ email: 'does-not-exist@example.com', password: 'not the password' });
    const unknownRightShape = await answer({ email: 'does-not-exist@example.com', password: PASSWORD });
    expect(wrongPassword.status).toBe(401);
    expect(unknown).toEqual(wrongPassword);
    expect(unknownRightShape).toEqual(wrongPassword);
  });
});

describe('sign-up does not tell whether an account exists', () => {
  it('20 addresses with an account and 20 without get the same answer (status, body, headers, cookies) and the same mail count; only their mailboxes differ', async () => {
    const taken = Array.from({ length: 20 }, (_, i) => `owner${i}@example.com`);
    const fresh = Array.from({ length: 20 }, (_, i) => `nobody${i}@example.com`);
    for (const email of taken) await signUp(email);
    const before = await dbState();
    const mailsBefore = (await readOutbox(outboxDir(database.dir))).length;
    const shapeOf = async (email: string) => {
      const started = performance.now();
      const a = await call(m.signup.POST, requestOf('auth/signup', 'POST', { body: { displayName: 'Probe', email, password: 'probing password' }, ip: nextAddress() }));
      const ms = performance.now() - started;
      const body = a.text.replaceAll(email, '<email>');
      return { shape: { status: a.status, body, cookies: a.setCookies, headers: [...a.headers].filter(([k]) => k !== 'date') }, ms };
    };
    const takenAnswers: Awaited<ReturnType<typeof shapeOf>>[] = [];
    const freshAnswers: Awaited<ReturnType<typeof shapeOf>>[] = [];
    // interleaved, so a slow moment of the machine hits both alike
    for (let i = 0; i < 20; i++) {
      takenAnswers.push(await shapeOf(taken[i]!));
      freshAnswers.push(await shapeOf(fresh[i]!));
    }
    const [reference] = takenAnswers;
    expect(reference!.shape.status).toBe(202);
    for (const answer of [...takenAnswers, ...freshAnswers]) expect(answer.shape).toEqual(reference!.shape);

    const after = await dbState();
    // the accounts are as they were; only the new addresses have a pending confirmation
    expect(after.users).toEqual(before.users);
    expect(after.sessions).toEqual(before.sessions);
    expect(after.confirmations.length - before.confirmations.length).toBe(20);
    expect(new Set(after.confirmations.map((c) => c.email))).toEqual(new Set([...before.confirmations.map((c) => c.email), ...fresh]));
    const mails = (await readOutbox(outboxDir(database.dir))).slice(mailsBefore);
    expect(mails).toHaveLength(40);
    for (const email of taken) expect(mails.filter((mail) => mail.to === email).map((mail) => mail.subject)).toEqual(['You already have a Starscape account']);
    for (const email of fresh) expect(mails.filter((mail) => mail.to === email).map((mail) => mail.subject)).toEqual(['Confirm your email to found your Starscape starbase']);

    // the answer is sent before the address is looked up, so its time cannot differ by branch; printed, not asserted
    const median = (list: typeof takenAnswers) => list.map((a) => a.ms).sort((x, y) => x - y)[10]!.toFixed(1);
    console.info(`[faults] sign-up answer, median of 20: ${median(takenAnswers)} ms for addresses with an account, ${median(freshAnswers)} ms without`);
  });
});
