import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, type Room } from 'colyseus.js';
import { Redis } from 'ioredis';
import { createPrismaClient, migrateDatabase, type PrismaClient } from '@starscape/prisma';
import type { Town } from '@starscape/shared';
import { startService, stopAll, waitUntilHealthy, type Service } from '../../../../scripts/lib/services';
import { startPostgres, type LocalPostgres } from '../../../../scripts/services/postgres';
import { startRedis, type LocalRedis } from '../../../../scripts/services/redis';
import { PrismaTownRepository } from '../../../src/persistence/PrismaTownRepository';
import { freePort } from '../../support/freePort';
import { createTestTokens } from '../../support/gameTokens';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** One game server process of the cluster: the production entry (`src/main.ts`) as a child process. */
export interface GameProcess {
  name: string;
  port: number;
  endpoint: string;
  service: Service;
  /** sends `signal` and resolves with the exit code */
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export interface ClusterOptions {
  processes: number;
  gameSpeed: number;
  /** long by default, so a test sees what the shutdown save did rather than an autosave */
  autosaveMs?: number;
}

/**
 * Real services and real processes: a throwaway Redis and PostgreSQL, the schema migrated, and N game server
 * processes sharing both, each with its own port and public address (as on several machines).
 */
export async function startGameCluster(options: ClusterOptions) {
  const services: { redis?: LocalRedis; postgres?: LocalPostgres } = {};
  const processes: GameProcess[] = [];
  let prisma: PrismaClient | undefined;
  let redisClient: Redis | undefined;
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-cluster-'));

  async function stop(): Promise<void> {
    await stopAll(processes.map((p) => p.service), 30_000);
    redisClient?.disconnect();
    await prisma?.$disconnect();
    await services.postgres?.stop();
    await services.redis?.stop();
    await rm(workDir, { recursive: true, force: true });
  }

  try {
    const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
    Object.assign(services, { redis, postgres });
    const databaseUrl = postgres.url;
    await migrateDatabase(databaseUrl);
    prisma = createPrismaClient(databaseUrl);
    redisClient = new Redis(redis.url);
    const tokens = await createTestTokens();
    const towns = new PrismaTownRepository(prisma);

    for (let i = 0; i < options.processes; i++) {
      const port = await freePort();
      const name = `game${i + 1}`;
      const service = startService(name, ['--import', 'tsx', 'src/main.ts'], {
        cwd: serverDir,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          GAME_PORT: String(port),
          GAME_HOST: '127.0.0.1',
          DATABASE_URL: databaseUrl,
          DATA_DIR: workDir,
          GAME_TOKEN_PUBLIC_KEY: tokens.publicKeyPem,
          REDIS_URL: redis.url,
          GAME_PUBLIC_ADDRESS: `127.0.0.1:${port}`,
          GAME_SPEED: String(options.gameSpeed),
          AUTOSAVE_INTERVAL_MS: String(options.autosaveMs ?? 600_000),
          RECONNECT_GRACE_SECONDS: '0',
          LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? 'warn', // CLUSTER_LOG_LEVEL=info shows what the processes do
        },
      });
      const kill = async (signal: NodeJS.Signals) => {
        if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill(signal);
        return service.exited;
      };
      processes.push({ name, port, endpoint: `ws://127.0.0.1:${port}`, service, kill });
    }
    await Promise.all(processes.map((p) => waitUntilHealthy(p.service, `http://127.0.0.1:${p.port}/healthz`, 60_000)));

    /** An account with its town (placed in the galaxy), created the way sign-up does. */
    async function createPlayer(name: string, town: Town) {
      const user = await prisma!.user.create({ data: { displayName: name, isGuest: true } });
      const stored = await towns.create({ ownerId: user.id, name: `${name}'s Starbase`, snapshot: town });
      return { userId: user.id, townId: stored.id };
    }

    /** Many players at once (`concurrency` creations in flight), named `<prefix><i>`. */
    async function createPlayers(prefix: string, count: number, town: () => Town, concurrency = 16) {
      const players: Array<{ userId: string; townId: string }> = new Array(count);
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let i = next++; i < count; i = next++) players[i] = await createPlayer(`${prefix}${i}`, town());
        }),
      );
      return players;
    }

    /** A colyseus.js client entering through `via`, signed in as `userId`. */
    async function clientVia(via: GameProcess, userId: string): Promise<Client> {
      const client = new Client(via.endpoint);
      client.auth.token = await tokens.sign(userId);
      return client;
    }

    async function joinTown(via: GameProcess, userId: string, townId: string): Promise<Room> {
      return (await clientVia(via, userId)).joinOrCreate('town', { townId });
    }

    /** The process whose public address a room's listing names (from the Redis driver's room cache), or null. */
    async function holderOf(roomId: string): Promise<GameProcess | null> {
      const cached = await redisClient!.hget('roomcaches', roomId);
      if (!cached) return null;
      const { publicAddress } = JSON.parse(cached) as { publicAddress?: string };
      return processes.find((p) => publicAddress === `127.0.0.1:${p.port}`) ?? null;
    }

    return { processes, prisma, redis: redisClient, tokens, towns, createPlayer, createPlayers, clientVia, joinTown, holderOf, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type GameCluster = Awaited<ReturnType<typeof startGameCluster>>;
