/**
 * The Fly.io deploy files (fly.toml, Dockerfile, .dockerignore) against the code they run: every command
 * points at a real entry file and matches `npm start`, ports and health checks match what the servers listen
 * on and answer, every variable they set is one the code reads, every secret the README lists is one the
 * code needs, and the public game address fits the machine routing (fly-replay). With PostgreSQL and Redis
 * installed it also runs the release command and both process commands here, as Fly would run them (health
 * check, fly-replay answer, clean exit on the kill signal). Nothing here talks to Fly, and the image build
 * itself is not run.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntilHealthy, type Service } from '../../../scripts/lib/services';
import { serviceAvailable } from '../../../scripts/services/availability';
import { postgresCheck, startPostgres, type LocalPostgres } from '../../../scripts/services/postgres';
import { redisCheck, startRedis, type LocalRedis } from '../../../scripts/services/redis';
import { parseEnv as parseWebEnv } from '../../../web/src/server/envSchema';
import { createGameTokenVerifier } from '../../src/auth/GameTokenVerifier';
import { advertisedAddress, routeUpgrade } from '../../src/cluster/machineRouting';
import { readServerEnv } from '../../src/env';
import { freePort } from '../support/freePort';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (rel: string) => readFileSync(path.join(root, rel), 'utf8');

/** Where the Dockerfile puts the repository. */
const APP_DIR = '/app';

// ---------------------------------------------------------------------------------------------- fly.toml

interface FlyService {
  processes?: string[];
  internal_port: number;
  protocol?: string;
  auto_stop_machines?: boolean | string;
  min_machines_running?: number;
  ports: { port: number; handlers?: string[]; force_https?: boolean }[];
  concurrency?: { type?: string; soft_limit?: number; hard_limit?: number };
  http_checks?: { path?: string; method?: string; protocol?: string; interval?: string; timeout?: string; grace_period?: string }[];
}

interface FlyConfig {
  app: string;
  kill_signal?: string;
  kill_timeout?: number | string;
  env?: Record<string, string>;
  processes?: Record<string, string>;
  deploy?: { release_command?: string; strategy?: string };
  services?: FlyService[];
  vm?: { processes?: string[] }[];
}

const fly = parseToml(read('fly.toml')) as unknown as FlyConfig;
const flyEnv: Record<string, string> = fly.env ?? {};

function serviceOf(group: string): FlyService {
  const found = (fly.services ?? []).filter((s) => s.processes?.includes(group));
  expect(found, `one [[services]] for the "${group}" process group`).toHaveLength(1);
  return found[0]!;
}

/** Commands here are plain words: no quoting, so splitting on spaces is exactly what Fly does with them. */
function words(command: string): string[] {
  expect(command, 'no shell quoting in a command').not.toMatch(/["'`$\\;&|<>]/);
  return command.trim().split(/\s+/);
}

/** `env -C <dir> node <args…>` → the folder (relative to the repository) and node's arguments. */
function nodeCommand(argv: string[]): { folder: string; nodeArgs: string[] } {
  expect(argv.slice(0, 2), 'the command sets its working directory with env -C (no shell)').toEqual(['env', '-C']);
  const dir = argv[2] ?? '';
  expect(dir.startsWith(`${APP_DIR}/`), `${dir} is inside ${APP_DIR}`).toBe(true);
  expect(argv[3], 'env execs node itself').toBe('node');
  return { folder: dir.slice(APP_DIR.length + 1), nodeArgs: argv.slice(4) };
}

/** How `npm start` runs each service: `startService('<name>', [<args>], { cwd: path.join(root, '<folder>') …`. */
function startScriptServices(): Map<string, { folder: string; nodeArgs: string[] }> {
  const source = read('scripts/start.ts');
  const services = new Map<string, { folder: string; nodeArgs: string[] }>();
  for (const match of source.matchAll(/startService\('(\w+)',\s*\[([^\]]*)\],\s*\{\s*cwd:\s*path\.join\(root,\s*'([\w/-]+)'\)/g)) {
    const nodeArgs = [...match[2]!.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
    services.set(match[1]!, { folder: match[3]!, nodeArgs });
  }
  return services;
}

/** `15s`, `2m` or a bare number (Fly reads bare numbers as seconds for kill_timeout). */
function seconds(value: number | string | undefined): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)(s|m)$/.exec(value ?? '');
  if (!match) throw new Error(`not a duration: ${String(value)}`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}

// --------------------------------------------------------------------------------------------- Dockerfile

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Instructions by stage, continuation lines joined, comments dropped, global ARG defaults substituted in FROM. */
function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [, keyword = '', args = ''] = /^(\w+)\s*(.*)$/.exec(line) ?? [];
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const [image = '', , name] = args.replace(/--platform=\S+\s+/, '').split(/\s+/);
      const from = image.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a?: string, b?: string) => globalArgs[(a ?? b)!] ?? '');
      stages.push({ from, name, instructions: [] });
    } else if (stages.length === 0 && upper === 'ARG') {
      const [name = '', value = ''] = args.split('=');
      globalArgs[name] = value;
    } else {
      stages.at(-1)?.instructions.push({ keyword: upper, args });
    }
  }
  return stages;
}

/** `ENV A=1 B=2` and the old `ENV A 1`. */
function envNames(stage: Stage): Map<string, string> {
  const names = new Map<string, string>();
  for (const { keyword, args } of stage.instructions) {
    if (keyword !== 'ENV') continue;
    if (!args.includes('=')) {
      const [name = '', ...value] = args.split(/\s+/);
      names.set(name, value.join(' '));
      continue;
    }
    for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) names.set(m[1]!, m[2]!.replace(/^"|"$/g, ''));
  }
  return names;
}

const docker = parseDockerfile(read('Dockerfile'));
const buildStage = docker.find((s) => s.name === 'build');
const runtimeStage = docker.at(-1)!;
const dockerEnv = Object.fromEntries(docker.flatMap((s) => [...envNames(s)]));

// ----------------------------------------------------------------------------------- what the code reads

/** Keys of the zod object in an env schema file: lines like `  NAME: z…` (comments and nesting aside). */
function schemaKeys(rel: string): Set<string> {
  return new Set([...read(rel).matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!));
}

function processEnvReads(rel: string): Set<string> {
  return new Set([...read(rel).matchAll(/process\.env(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g)].map((m) => (m[1] ?? m[2])!));
}

const gameNames = schemaKeys('server/src/env.ts');
const webNames = new Set([...schemaKeys('web/src/server/envSchema.ts'), ...processEnvReads('web/server.ts')]);
/** `npm start` reads some (PORT, HOST, …) and sets others for both processes (NEXT_TELEMETRY_DISABLED). */
const startSets = [...read('scripts/start.ts').matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
const startNames = new Set([...processEnvReads('scripts/start.ts'), ...startSets]);
const namesTheCodeKnows = new Set([...gameNames, ...webNames, ...startNames]);

/**
 * The secrets a production deploy sets (`fly secrets set`), each with why it cannot be left to a default.
 * The README's deploy section must list exactly these.
 */
const SECRETS: Record<string, string> = {
  DATABASE_URL: 'PostgreSQL shared by every machine (the SQLite default is a file on one machine, lost on deploy)',
  REDIS_URL: 'Colyseus presence and driver across game machines',
  GAME_TOKEN_PRIVATE_KEY: 'the web app signs game tokens (without it /api/game-token answers 503)',
  GAME_TOKEN_PUBLIC_KEY: 'the game server verifies them (required: no default)',
  MONITOR_USERNAME: 'the Colyseus monitor and /metrics behind Basic auth',
  MONITOR_PASSWORD: 'the Colyseus monitor and /metrics behind Basic auth',
  SMTP_URL: 'sign-up mails a confirmation link (required on Fly: a machine keeping its mail reaches nobody)',
};

function fakeSecrets(): Record<string, string> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    DATABASE_URL: 'postgres://starscape:secret@starscape-db.flycast:5432/starscape?sslmode=disable',
    REDIS_URL: 'redis://default:secret@fly-starscape-redis.upstash.io:6379',
    GAME_TOKEN_PRIVATE_KEY: privateKey,
    GAME_TOKEN_PUBLIC_KEY: publicKey,
    MONITOR_USERNAME: 'ops',
    MONITOR_PASSWORD: 'correct horse battery',
    SMTP_URL: 'smtps://starscape:secret@smtp.example.com:465',
  };
}

/** What a game or web machine sees: the image's ENV, fly.toml's [env], the secrets and what Fly sets itself. */
function machineEnv(secrets: Record<string, string>, machineId = '148e21ea7d0389'): Record<string, string> {
  return { ...dockerEnv, ...flyEnv, ...secrets, FLY_MACHINE_ID: machineId, FLY_APP_NAME: fly.app, PRIMARY_REGION: 'iad' };
}

/** The names on `fly secrets set` lines of the README's deploy section, or null when there is no such section. */
function readmeSecrets(readme: string): Set<string> | null {
  const start = readme.search(/^## Deploy to Fly\.io/m);
  if (start === -1) return null;
  const next = readme.slice(start + 3).search(/^## /m);
  const section = next === -1 ? readme.slice(start) : readme.slice(start, start + 3 + next);
  const names = new Set<string>();
  for (const line of section.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    if (!/^\s*(fly|flyctl) secrets set\b/.test(line)) continue;
    for (const m of line.matchAll(/\s([A-Z][A-Z0-9_]*)=/g)) names.add(m[1]!);
  }
  return names;
}

/** A page (`page.tsx`) or a route handler with GET (`route.ts`) of the Next.js app answering `urlPath`. */
function webRouteFile(urlPath: string): string | null {
  const dir = path.join(root, 'web/src/app', ...urlPath.split('/').filter(Boolean));
  const page = ['page.tsx', 'page.ts'].map((f) => path.join(dir, f)).find(existsSync);
  if (page) return page;
  const route = ['route.ts', 'route.tsx'].map((f) => path.join(dir, f)).find(existsSync);
  return route && /export (const|async function|function) GET\b|export const \{[^}]*\bGET\b/.test(readFileSync(route, 'utf8')) ? route : null;
}

/** A .dockerignore pattern as a regular expression over a path relative to the context. */
const GLOB = new Map([
  ['**/', '(?:.*/)?'],
  ['**', '.*'],
  ['*', '[^/]*'],
  ['?', '[^/]'],
]);

function ignorePattern(pattern: string): RegExp {
  const body = pattern
    .replace(/^\/+|\/+$/g, '')
    .split(/(\*\*\/|\*\*|\*|\?)/)
    .map((part) => GLOB.get(part) ?? part.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
    .join('');
  return new RegExp(`^${body}(?:/.*)?$`);
}

function dockerIgnored(rel: string): boolean {
  const patterns = read('.dockerignore')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  let ignored = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (ignorePattern(p.slice(1)).test(rel)) ignored = false;
    } else if (ignorePattern(p).test(rel)) ignored = true;
  }
  return ignored;
}

// ------------------------------------------------------------------------------------------------- tests

describe('fly.toml', () => {
  it('has the web and game process groups, each with one service and a VM size', () => {
    expect(Object.keys(fly.processes ?? {}).sort()).toEqual(['game', 'web']);
    const served = (fly.services ?? []).flatMap((s) => s.processes ?? []);
    expect(served.sort()).toEqual(['game', 'web']);
    for (const vm of fly.vm ?? []) for (const group of vm.processes ?? []) expect(fly.processes).toHaveProperty(group);
  });

  it('runs each group exactly as `npm start` does, on entry files that exist', () => {
    const started = startScriptServices();
    expect([...started.keys()].sort()).toEqual(['game', 'web']);
    for (const [group, command] of Object.entries(fly.processes ?? {})) {
      const { folder, nodeArgs } = nodeCommand(words(command));
      expect({ folder, nodeArgs }, `fly.toml's ${group} command`).toEqual(started.get(group));
      const entry = nodeArgs.at(-1)!;
      expect(existsSync(path.join(root, folder, entry)), `${folder}/${entry} exists`).toBe(true);
      expect(nodeArgs.slice(0, 2), 'tsx is loaded into node, not run as a wrapper process').toEqual(['--import', 'tsx']);
    }
    // tsx is a run-time dependency of the server, not only a dev tool
    expect((JSON.parse(read('server/package.json')) as { dependencies: Record<string, string> }).dependencies).toHaveProperty('tsx');
  });

  it('stops machines with SIGTERM, which both servers handle, and waits long enough for every save', () => {
    expect(fly.kill_signal).toBe('SIGTERM');
    expect(read('server/src/main.ts')).toMatch(/process\.on\('SIGTERM'/);
    expect(read('web/server.ts')).toMatch(/process\.on\('SIGTERM'/);
    // Saving 1,000 open towns takes a few seconds; a game machine at its soft limit holds ~2,500. Fly allows 300 s at most.
    const timeout = seconds(fly.kill_timeout);
    expect(timeout).toBeGreaterThanOrEqual(60);
    expect(timeout).toBeLessThanOrEqual(300);
  });

  it('serves the game on the port the game process listens on, with WebSocket-sized limits and /healthz', () => {
    const game = serviceOf('game');
    const env = readServerEnv(machineEnv(fakeSecrets()));
    expect(game.internal_port).toBe(env.GAME_PORT);
    expect(game.protocol ?? 'tcp').toBe('tcp');
    // TLS at the edge, and the http handler: Fly's proxy honours fly-replay only on http-handled ports.
    expect(game.ports.length).toBeGreaterThan(0);
    for (const port of game.ports) expect(port.handlers).toEqual(['tls', 'http']);
    expect(game.concurrency?.type).toBe('connections');
    expect(game.concurrency?.soft_limit).toBeGreaterThanOrEqual(1000); // Fly's default of 20 is one classroom
    expect(game.concurrency?.hard_limit).toBeGreaterThan(game.concurrency!.soft_limit!);
    // The scheduler and running battles need a game process even when nobody is connected.
    expect(game.auto_stop_machines === false || game.auto_stop_machines === 'off').toBe(true);
    expect(game.min_machines_running).toBeGreaterThanOrEqual(1);

    expect(game.http_checks?.map((c) => c.path)).toEqual(['/healthz']);
    expect(read('server/src/http/createHttpApp.ts')).toMatch(/app\.get\('\/healthz'/);
  });

  it('serves the web app on the port web/server.ts listens on, health-checked on a page that needs no database', () => {
    const web = serviceOf('web');
    expect(web.internal_port).toBe(Number(flyEnv.PORT ?? dockerEnv.PORT ?? 3000));
    expect(read('web/server.ts')).toMatch(/process\.env\.PORT \|\| 3000/);
    expect(web.ports.map((p) => p.port).sort()).toEqual([443, 80]);
    expect(web.ports.find((p) => p.port === 443)?.handlers).toEqual(['tls', 'http']);
    expect(web.concurrency?.soft_limit).toBeGreaterThan(20);
    const paths = web.http_checks?.map((c) => c.path) ?? [];
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(webRouteFile(p!), `a page or GET route answers ${p}`).not.toBeNull();
    for (const check of [...(web.http_checks ?? []), ...(serviceOf('game').http_checks ?? [])]) {
      expect(check.protocol ?? 'http').toBe('http');
      expect(seconds(check.grace_period)).toBeGreaterThanOrEqual(10);
    }
  });

  it('migrates the database in the release command, with the same migrate step as npm run db:migrate', () => {
    const [npm, run, script, ...rest] = words(fly.deploy?.release_command ?? '');
    expect([npm, run, rest]).toEqual(['npm', 'run', []]);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(script).toBe('db:migrate');
    const target = /(\S+\.ts)\b/.exec(scripts[script!] ?? '')?.[1];
    expect(target && existsSync(path.join(root, target)), `${scripts[script!]} runs a file that exists`).toBe(true);
  });

  it('sets only variables the code reads, never FLY_* (Fly sets those), and none of the secrets', () => {
    for (const name of Object.keys(flyEnv)) {
      expect(namesTheCodeKnows, `fly.toml sets ${name}`).toContain(name);
      expect(name.startsWith('FLY_')).toBe(false);
      expect(SECRETS).not.toHaveProperty(name);
    }
    for (const name of Object.keys(dockerEnv)) expect(namesTheCodeKnows, `the Dockerfile sets ${name}`).toContain(name);
  });

  it('gives both processes a valid environment once the secrets are set, and the game needs exactly those to start', () => {
    const secrets = fakeSecrets();
    for (const name of Object.keys(SECRETS)) expect(namesTheCodeKnows, `${name} is read by the code`).toContain(name);

    const game = readServerEnv(machineEnv(secrets));
    expect(game.NODE_ENV).toBe('production');
    expect(game.REDIS_URL).toBe(secrets.REDIS_URL);
    const web = parseWebEnv(machineEnv(secrets));
    expect(web.NODE_ENV).toBe('production');
    expect(web.GAME_TOKEN_PRIVATE_KEY).toBe(secrets.GAME_TOKEN_PRIVATE_KEY!.trim());
    expect(web.GAME_PORT).toBe(game.GAME_PORT);
    expect(Number(flyEnv.TRUST_PROXY_HOPS)).toBe(1); // exactly Fly's proxy appends to X-Forwarded-For

    expect(web.SMTP_URL).toBe(secrets.SMTP_URL);
    expect(web.PUBLIC_URL).toBe(`https://${fly.app}.fly.dev`); // links in mail lead to the web service

    // Without the secrets neither process starts, each naming only variables that are secrets.
    for (const parse of [readServerEnv, parseWebEnv] as const) {
      let refusal = '';
      try {
        parse(machineEnv({}));
      } catch (error) {
        refusal = (error as Error).message;
      }
      const named = [...refusal.matchAll(/^ {2}([A-Z][A-Z0-9_]*)/gm)].map((m) => m[1]!);
      expect(named.length, parse.name).toBeGreaterThan(0);
      for (const name of named) expect(SECRETS, `${name} is required, so it must be a secret`).toHaveProperty(name);
    }
  });

  it('accepts game token keys made the way the README says (Ed25519, PKCS#8 and SPKI PEM)', async () => {
    const { GAME_TOKEN_PUBLIC_KEY } = fakeSecrets();
    await expect(createGameTokenVerifier(GAME_TOKEN_PUBLIC_KEY!)).resolves.toBeDefined();
  });

  it('advertises a game address on the app host and the game TLS port, which routes sockets to their machine', () => {
    const game = serviceOf('game');
    const { GAME_PUBLIC_ADDRESS, GAME_SERVER_URL } = flyEnv;
    expect(GAME_PUBLIC_ADDRESS).toBeDefined();
    const publicUrl = new URL(`wss://${GAME_PUBLIC_ADDRESS}`);
    expect(publicUrl.hostname).toBe(`${fly.app}.fly.dev`);
    expect(game.ports.map((p) => p.port)).toContain(Number(publicUrl.port || 443));
    // The web app hands browsers GAME_SERVER_URL for matchmaking: the same host and port.
    expect(GAME_SERVER_URL).toBeDefined();
    const serverUrl = new URL(GAME_SERVER_URL!);
    expect(serverUrl.protocol).toBe('wss:');
    expect(serverUrl.host).toBe(publicUrl.host);

    // Machine a advertises <address>/m/a; an upgrade for it that lands on machine b is replayed to a.
    const advertised = advertisedAddress(GAME_PUBLIC_ADDRESS, 'a1b2c3d4e5f607');
    expect(advertised).toBe(`${GAME_PUBLIC_ADDRESS}/m/a1b2c3d4e5f607`);
    const socketPath = new URL(`wss://${advertised}/processX/town-1?sessionId=s`);
    expect(routeUpgrade(socketPath.pathname + socketPath.search, '0123456789abcd')).toEqual({ serve: false, replayOn: 'a1b2c3d4e5f607' });
    expect(routeUpgrade(socketPath.pathname + socketPath.search, 'a1b2c3d4e5f607')).toEqual({ serve: true });
  });
});

describe('Dockerfile', () => {
  it('builds on the Debian release the runtime uses, with the tools better-sqlite3 compiles with', () => {
    expect(buildStage, 'a stage named "build"').toBeDefined();
    expect(docker.length).toBeGreaterThanOrEqual(2);
    expect(runtimeStage.from).toMatch(/^node:20(\.\d+)*-bookworm-slim$/);
    expect(buildStage!.from).toMatch(/^node:20(\.\d+)*-bookworm(-slim)?$/);
    const install = buildStage!.instructions.find((i) => i.keyword === 'RUN' && i.args.includes('apt-get install'));
    for (const tool of ['python3', 'make', 'g++']) expect(install?.args).toContain(` ${tool}`);
  });

  it('installs with npm ci (postinstall generates the Prisma clients) after copying the sources, then builds the web app', () => {
    const steps = buildStage!.instructions;
    const ci = steps.findIndex((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
    const build = steps.findIndex((i) => i.keyword === 'RUN' && /\bnpm run build\b/.test(i.args));
    const copyAll = steps.findIndex((i) => i.keyword === 'COPY' && /^\.\s+\.$/.test(i.args.trim()));
    expect(ci).toBeGreaterThan(-1);
    expect(build).toBeGreaterThan(ci);
    expect(copyAll, 'the sources (prisma/ included) are in place before npm ci runs postinstall').toBeGreaterThan(-1);
    expect(copyAll).toBeLessThan(ci);
    const productionBeforeCi = steps.slice(0, ci).some((i) => i.keyword === 'ENV' && /NODE_ENV=production/.test(i.args));
    expect(productionBeforeCi, 'npm ci installs dev dependencies (the build needs them)').toBe(false);
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.postinstall).toContain('scripts/prisma-generate.mjs');
    expect(pkg.scripts.build).toMatch(/--workspace web/);
    expect((JSON.parse(read('web/package.json')) as { scripts: Record<string, string> }).scripts.build).toBe('next build');
  });

  it('keeps host builds and secrets out of the context, and everything the build needs in it', () => {
    for (const rel of ['node_modules', 'web/node_modules', 'web/.next', 'prisma/generated', 'data', '.env', '.git']) {
      expect(dockerIgnored(rel), `${rel} is ignored`).toBe(true);
    }
    const needed = [
      ...['package.json', 'package-lock.json', 'tsconfig.json', 'Dockerfile', 'scripts/prisma-generate.mjs', 'scripts/start.ts'],
      ...['prisma/schema.prisma', 'prisma/prisma.config.ts', 'prisma/migrations', 'prisma/scripts/migrate.ts', 'shared/src'],
      ...['server/src/main.ts', 'server/tsconfig.json', 'web/server.ts', 'web/src', 'web/next.config.ts'],
    ];
    if (existsSync(path.join(root, 'prisma/postgres'))) needed.push('prisma/postgres/schema.prisma', 'prisma/postgres/migrations');
    for (const rel of needed) expect(dockerIgnored(rel), `${rel} is in the build context`).toBe(false);
  });

  it('runs in production as an unprivileged user, from /app, with a CMD that is one of the process commands', () => {
    const steps = runtimeStage.instructions;
    expect(envNames(runtimeStage).get('NODE_ENV')).toBe('production');
    expect(steps.filter((i) => i.keyword === 'WORKDIR').at(-1)?.args).toBe(APP_DIR); // release_command's npm runs from here
    // the build is copied to the same path: web/.next links into ../../node_modules
    expect(buildStage!.instructions.filter((i) => i.keyword === 'WORKDIR').at(-1)?.args).toBe(APP_DIR);
    const user = steps.filter((i) => i.keyword === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    expect(steps.some((i) => i.keyword === 'COPY' && i.args.includes('--from=build'))).toBe(true);

    const cmd = steps.filter((i) => i.keyword === 'CMD').at(-1)?.args ?? '';
    expect(cmd.startsWith('['), 'exec form: node gets signals itself').toBe(true);
    const argv = JSON.parse(cmd) as string[];
    expect(argv).not.toContain('npm');
    expect(Object.values(fly.processes ?? {}).map(words)).toContainEqual(argv);
    expect(steps.some((i) => i.keyword === 'ENTRYPOINT'), 'no ENTRYPOINT of ours to wrap the release command').toBe(false);
  });
});

describe('README deploy section', () => {
  const readme = read('README.md');
  const listed = readmeSecrets(readme);

  it.skipIf(listed === null)('lists exactly the secrets the code needs on `fly secrets set` lines', () => {
    expect([...listed!].sort()).toEqual(Object.keys(SECRETS).sort());
    for (const name of listed!) expect(namesTheCodeKnows, `${name} is read by the code`).toContain(name);
  });

  it.skipIf(listed === null)('names the scaling command for the game group and the deploy files', () => {
    expect(readme).toMatch(/fly scale count [^\n]*game=\d/);
    for (const file of ['fly.toml', 'Dockerfile', 'fly-replay', 'FLY_MACHINE_ID', 'kill_timeout']) expect(readme).toContain(file);
  });
});

// ------------------------------------------------------------------ a machine, started the way Fly starts it

const servicesHere =
  serviceAvailable(postgresCheck(), 'the deploy run-through (release command and process commands of fly.toml)') &&
  serviceAvailable(redisCheck(), 'the deploy run-through (release command and process commands of fly.toml)');

/** A fly.toml command, run here: `/app` is this repository; output kept for the assertions. */
function runFlyCommand(name: string, command: string, env: Record<string, string>): Service & { output: string[] } {
  const [program, ...args] = words(command).map((w) => (w === APP_DIR || w.startsWith(`${APP_DIR}/`) ? root + w.slice(APP_DIR.length) : w));
  // Fly starts the command from the image's WORKDIR (/app) with the machine's environment only.
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
  const child = spawn(program!, args, { cwd: root, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) readline.createInterface({ input: stream }).on('line', (line) => output.push(line));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { name, child, exited, output };
}

/** An HTTP upgrade request to `url`; resolves with the answer's status and headers when it is not a 101. */
function upgradeRequest(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    });
    request.on('response', (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, headers: response.headers });
    });
    request.on('upgrade', (_response, socket) => {
      socket.destroy();
      reject(new Error(`${url} was upgraded here`));
    });
    request.on('error', reject);
    request.end();
  });
}

describe.skipIf(!servicesHere)('a deploy run through with the commands of fly.toml (PostgreSQL and Redis here, no Fly)', () => {
  let postgres: LocalPostgres | undefined;
  let redis: LocalRedis | undefined;
  let env: Record<string, string>;
  const running: Service[] = [];

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    env = machineEnv({ ...fakeSecrets(), DATABASE_URL: postgres.url, REDIS_URL: redis.url });
  }, 60_000);

  afterAll(async () => {
    for (const service of running) if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGKILL');
    await Promise.all([postgres?.stop(), redis?.stop()]);
  }, 30_000);

  it('release command: migrates PostgreSQL, and again on the next deploy with nothing left to do', async () => {
    for (const round of ['first deploy', 'next deploy']) {
      const release = runFlyCommand('release', fly.deploy!.release_command!, env);
      running.push(release);
      const code = await release.exited;
      expect(code, `${round}: ${fly.deploy!.release_command}\n${release.output.join('\n')}`).toBe(0);
    }
  }, 120_000);

  it('game process: healthy on /healthz, replays upgrades meant for other machines, saves and exits 0 on the kill signal', async () => {
    const port = await freePort();
    const game = runFlyCommand('game', fly.processes!.game!, { ...env, GAME_PORT: String(port), GAME_HOST: '127.0.0.1' });
    running.push(game);
    await waitUntilHealthy(game, `http://127.0.0.1:${port}/healthz`, 60_000);
    // env -C replaced itself with node: the kill signal reaches the game server, not a wrapper
    expect(readFileSync(`/proc/${game.child.pid}/cmdline`, 'utf8').split('\0')[0]).toMatch(/node$/);

    const replay = await upgradeRequest(`http://127.0.0.1:${port}/m/0123456789abcd/someProcess/town-x?sessionId=s`);
    expect(replay.headers['fly-replay']).toBe('instance=0123456789abcd');

    const started = Date.now();
    game.child.kill(fly.kill_signal as NodeJS.Signals);
    expect(await game.exited, game.output.join('\n')).toBe(0);
    expect(Date.now() - started).toBeLessThan(seconds(fly.kill_timeout) * 1000);
    expect(game.output.join('\n')).toMatch(/all towns saved/);
  }, 120_000);

  const webBuilt = existsSync(path.join(root, 'web/.next/BUILD_ID'));
  it.skipIf(!webBuilt)('web process: answers its health check and exits 0 on the kill signal (needs a web build)', async () => {
    const port = await freePort();
    const web = runFlyCommand('web', fly.processes!.web!, { ...env, PORT: String(port), HOST: '127.0.0.1' });
    running.push(web);
    const check = serviceOf('web').http_checks![0]!;
    await waitUntilHealthy(web, `http://127.0.0.1:${port}${check.path}`, 60_000);
    expect((await fetch(`http://127.0.0.1:${port}${check.path}`)).status).toBe(200);
    web.child.kill(fly.kill_signal as NodeJS.Signals);
    expect(await web.exited, web.output.join('\n')).toBe(0);
  }, 120_000);
});
