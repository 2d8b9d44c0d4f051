/**
 * Entry point of the game server process: read the environment, open the database, serve, and on
 * SIGTERM/SIGINT save every town before exiting.
 */
import { setFlagsFromString } from 'node:v8';
import { defaultDataDir, defaultDatabaseUrl, placeUnplacedTowns } from '@starscape/prisma';
import { openServerDatabase } from '@starscape/prisma/server';
import { createGameTokenVerifier } from './auth/GameTokenVerifier';
import { PrismaUserDirectory } from './auth/PrismaUserDirectory';
import { clusterServices } from './cluster/clusterServices';
import { createGameServer } from './createGameServer';
import { readServerEnv } from './env';
import { processMetrics } from './http/metrics';
import { createLogger } from './logger';
import { PendingSaves, PrismaBattleRepository, PrismaChatRepository, PrismaEventQueue, PrismaTownRepository } from './persistence';

async function main(): Promise<void> {
  const env = readServerEnv();
  const logger = createLogger(env.LOG_LEVEL);
  // a process holds thousands of towns whose changes live seconds (until the next action): they outlive the young
  // generation, and left to itself V8 lets the old one grow to 3–4× its live objects between full collections,
  // which is most of the process's memory (BENCHMARKS.md); V8 reads this at each full collection
  if (env.HEAP_GROWTH_PERCENT > 0) setFlagsFromString(`--heap-growing-percent=${env.HEAP_GROWTH_PERCENT}`);
  const databaseUrl = env.DATABASE_URL ?? defaultDatabaseUrl(env.DATA_DIR ?? defaultDataDir);
  // town saves (the hottest write) without Prisma's per-query work; on SQLite a worker thread copies the WAL
  // into the file, so that no commit stops the event loop for it
  const database = openServerDatabase(databaseUrl, { onCheckpointBehind: (message, fields) => logger.warn(message, fields) });
  const { prisma } = database;
  if (database.checkpointer) processMetrics().measureCheckpoints(database.checkpointer);
  const pendingSaves = new PendingSaves();
  const placed = await placeUnplacedTowns(prisma); // towns from before the galaxy get their place
  if (placed > 0) logger.info('placed towns in the galaxy', { count: placed });

  const server = createGameServer({
    towns: new PrismaTownRepository(prisma, database.townSaves),
    battles: new PrismaBattleRepository(prisma),
    events: new PrismaEventQueue(prisma),
    chat: new PrismaChatRepository(prisma),
    users: new PrismaUserDirectory(prisma),
    tokens: await createGameTokenVerifier(env.GAME_TOKEN_PUBLIC_KEY),
    pendingSaves,
    now: Date.now,
    gameSpeed: env.GAME_SPEED,
    autosaveMs: env.AUTOSAVE_INTERVAL_MS,
    reconnectGraceSeconds: env.RECONNECT_GRACE_SECONDS,
    logger,
    monitor: env.MONITOR_USERNAME && env.MONITOR_PASSWORD ? { username: env.MONITOR_USERNAME, password: env.MONITOR_PASSWORD } : undefined,
    inputTickMs: env.INPUT_TICK_MS,
    townHosts: env.TOWN_HOSTS,
    cluster: clusterServices({ redisUrl: env.REDIS_URL, publicAddress: env.GAME_PUBLIC_ADDRESS, machineId: env.FLY_MACHINE_ID }, logger),
  });
  const port = await server.listen(env.GAME_PORT, env.GAME_HOST);
  logger.info(`game server listening on ${env.GAME_HOST}:${port}`, {
    gameSpeed: env.GAME_SPEED,
    autosaveMs: env.AUTOSAVE_INTERVAL_MS,
    inputTickMs: env.INPUT_TICK_MS,
    townHosts: env.TOWN_HOSTS,
    cluster: env.REDIS_URL ? 'redis' : 'standalone',
    processId: server.cluster.claims.processId,
    publicAddress: server.cluster.publicAddress,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: saving every town before exit`);
    const started = Date.now();
    try {
      await server.shutdown();
      await database.close();
      logger.info('all towns saved; bye', { ms: Date.now() - started });
      process.exit(0);
    } catch (error) {
      logger.error('shutdown failed', { error: String(error) });
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
