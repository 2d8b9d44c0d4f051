/**
 * `npm start`: the one command that serves Starscape. It creates and migrates the database, makes the game
 * token keys on first start, builds the web app if its sources changed, starts the game server and the web
 * app, and prints the URL a player opens. Ctrl-C (or SIGTERM) stops both; the game server saves every town
 * before it exits.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDatabaseUrl, migrateDatabase } from '@starscape/prisma';
import { loadOrCreateGameTokenKeys } from './lib/gameTokenKeys';
import { startService, stopAll, waitUntilHealthy, type Service } from './lib/services';
import { buildWebIfNeeded } from './lib/webBuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => console.log(`[start] ${line}`);

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number (1-65535), got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const webPort = port('PORT', 3000);
  const gamePort = port('GAME_PORT', 2567);
  const host = process.env.HOST || '0.0.0.0';
  const dataDir = path.resolve(process.env.DATA_DIR || path.join(root, 'data'));
  const databaseUrl = process.env.DATABASE_URL || defaultDatabaseUrl(dataDir);

  await mkdir(dataDir, { recursive: true });
  const { applied } = await migrateDatabase(databaseUrl);
  log(applied.length ? `database migrated: ${applied.join(', ')}` : 'database up to date');
  const keys = await loadOrCreateGameTokenKeys(dataDir);
  log(`game token keys: ${keys.source}${keys.source === 'generated' ? ` (${path.join(dataDir, 'keys')})` : ''}`);
  log(`web app: ${await buildWebIfNeeded(root, log)}`);

  // what a player opens: printed below, and the start of every link in mail
  const url = process.env.PUBLIC_URL || `http://localhost:${webPort}`;
  const shared = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    GAME_PORT: String(gamePort),
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const services: Service[] = [];
  const game = startService('game', ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(root, 'server'), // tsx reads server/tsconfig.json (schema decorators) from here
    env: { ...shared, GAME_HOST: process.env.GAME_HOST || host, GAME_TOKEN_PUBLIC_KEY: keys.publicKeyPem, GAME_TOKEN_PRIVATE_KEY: '' },
  });
  services.push(game);
  const web = startService('web', ['--import', 'tsx', 'server.ts'], {
    cwd: path.join(root, 'web'),
    env: { ...shared, PORT: String(webPort), HOST: host, PUBLIC_URL: url, GAME_TOKEN_PRIVATE_KEY: keys.privateKeyPem, GAME_TOKEN_PUBLIC_KEY: '' },
  });
  services.push(web);

  let stopping = false;
  const stop = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log(`${reason}: stopping (the game server saves every town first)`);
    await stopAll(services);
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  // `npm start` runs us under `sh -c`, which does not pass SIGTERM on: when npm goes away we are orphaned
  // (our parent changes), and stop the same way instead of leaving the servers running.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void stop('parent process gone', 0), 1000).unref();
  for (const s of services) void s.exited.then((code) => stop(`${s.name} exited with code ${code}`, code || 1));

  try {
    await Promise.all([
      waitUntilHealthy(game, `http://127.0.0.1:${gamePort}/healthz`),
      waitUntilHealthy(web, `http://127.0.0.1:${webPort}/`),
    ]);
  } catch (error) {
    console.error(`[start] ${(error as Error).message}`);
    await stop('start-up failed', 1);
    return;
  }
  console.log(`\n  Starscape is running. Open ${url}\n`);
}

main().catch((error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
