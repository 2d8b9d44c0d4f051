import { ColyseusTestServer } from '@colyseus/testing';
import { Client, type Room } from 'colyseus.js';
import { STEPS_PER_SECOND, battleStateSchema, combatOrderSchema, newTown, resolveBattle, type Town } from '@starscape/shared';
import { z } from 'zod';
import { createGameTokenVerifier } from '../../src/auth/GameTokenVerifier';
import { MemoryUserDirectory } from '../../src/auth/UserDirectory';
import { standalone } from '../../src/cluster/clusterServices';
import { createGameServer, type GameServer } from '../../src/createGameServer';
import type { ProcessMetrics } from '../../src/http/metrics';
import { createLogger } from '../../src/logger';
import type { MessageLimits } from '../../src/rooms/incomingGuard';
import type { Heartbeat } from '../../src/transport/GameTransport';
import {
  MemoryBattleRepository,
  MemoryChatRepository,
  MemoryEventQueue,
  type ChatRepository,
  MemoryTownRepository,
  PendingSaves,
  type BattleRepository,
  type EventQueue,
  type TownRepository,
} from '../../src/persistence';
import { freePort } from './freePort';
import { createTestTokens, type TokenOptions } from './gameTokens';

export interface TestServerOptions {
  gameSpeed?: number;
  autosaveMs?: number;
  reconnectGraceSeconds?: number;
  towns?: TownRepository;
  battles?: BattleRepository;
  events?: EventQueue;
  chat?: ChatRepository;
  /** combat room timings; by default a finished battle's room closes after 200 ms */
  combat?: { patchMs?: number; lingerMs?: number };
  /** WebSocket pings (default: the production heartbeat) */
  heartbeat?: Heartbeat;
  /** messages a connection may send (default: the production limits) */
  messageLimits?: MessageLimits;
  /** paces the event loop (see `InputTick`); default: a free-running loop */
  inputTickMs?: number;
  /** the numbers behind GET /metrics (default: the process's one) */
  metrics?: ProcessMetrics;
  /** host rooms the towns are spread over (default: the server's default; 0: a room per town) */
  townHosts?: number;
  /** runs as a named machine behind a public address (machine routing tests); default: alone, no address */
  cluster?: { machineId: string; publicAddressOf: (port: number) => string };
  /** mounts the Colyseus monitor at /colyseus with these credentials (default: not mounted) */
  monitor?: { username: string; password: string };
}

/**
 * A real game server on a free loopback port with in-memory persistence, a clock tests can move forward,
 * and helpers to sign tokens and join as real colyseus.js clients.
 */
export async function startTestServer(options: TestServerOptions = {}) {
  const tokens = await createTestTokens();
  const users = new MemoryUserDirectory();
  const towns = options.towns ?? new MemoryTownRepository();
  const pendingSaves = new PendingSaves();
  const battles = options.battles ?? new MemoryBattleRepository();
  const events = options.events ?? new MemoryEventQueue();
  const chat = options.chat ?? new MemoryChatRepository();
  const clock = { skewMs: 0 };
  const now = () => Date.now() + clock.skewMs;

  const listenPort = await freePort();
  const server: GameServer = createGameServer({
    towns,
    battles,
    events,
    schedulerPollMs: 50,
    // tests move the clock forward (`clock.skewMs`), which makes events due without announcing them: a short idle
    // poll finds those; events the server schedules itself wake the scheduler as in production
    schedulerIdlePollMs: 250,
    users,
    tokens: await createGameTokenVerifier(tokens.publicKeyPem),
    pendingSaves,
    now,
    gameSpeed: options.gameSpeed ?? 1,
    autosaveMs: options.autosaveMs ?? 60_000,
    reconnectGraceSeconds: options.reconnectGraceSeconds ?? 0,
    logger: createLogger('warn'),
    combat: { lingerMs: 200, ...options.combat },
    chat,
    galaxy: { refreshMs: 200 },
    messageLimits: options.messageLimits,
    heartbeat: options.heartbeat,
    inputTickMs: options.inputTickMs,
    metrics: options.metrics,
    townHosts: options.townHosts,
    monitor: options.monitor,
    cluster: options.cluster && { ...standalone(), machineId: options.cluster.machineId, publicAddress: options.cluster.publicAddressOf(listenPort) },
  });
  const port = await server.listen(listenPort, '127.0.0.1');
  const colyseus = new ColyseusTestServer(server.colyseus);
  const endpoint = `ws://127.0.0.1:${port}`;

  /** Creates an account and its town (a new town at `now`, or the given rules state). */
  async function createPlayer(userId: string, town: Town = newTown(now(), options.gameSpeed ?? 1)) {
    users.add(userId, `Pilot ${userId}`);
    const stored = await towns.create({ ownerId: userId, name: `${userId}'s Starbase`, snapshot: town });
    return { userId, townId: stored.id };
  }

  /** A fresh colyseus.js client carrying a token for `userId` (or the given raw token). */
  async function clientFor(userId: string, tokenOptions?: TokenOptions | { raw: string | undefined }): Promise<Client> {
    const client = new Client(endpoint);
    const token = tokenOptions && 'raw' in tokenOptions ? tokenOptions.raw : await tokens.sign(userId, tokenOptions);
    if (token !== undefined) client.auth.token = token;
    return client;
  }

  async function join(userId: string, townId: string): Promise<Room> {
    return (await clientFor(userId)).joinOrCreate('town', { townId });
  }

  /** Joins a running battle's combat room (its room id is the battle id). */
  async function watch(userId: string, battleId: string): Promise<Room> {
    return (await clientFor(userId)).joinById(battleId);
  }

  /**
   * Moves the clock to `steps` steps after the battle's start (default: its end, computed from the record with
   * the shared simulation), so the combat room catches up on its next tick instead of the test waiting.
   */
  async function jumpIntoBattle(battleId: string, steps?: number): Promise<void> {
    const record = await battles.get(battleId);
    if (!record) throw new Error(`no battle ${battleId}`);
    const end = steps ?? resolveBattle(battleStateSchema.parse(record.initial), z.array(combatOrderSchema).parse(record.orders)).step;
    const at = record.startedAt.getTime() + end * (1000 / STEPS_PER_SECOND) + 1;
    if (at > now()) clock.skewMs += at - now();
  }

  /** Joins (or opens) a sector's galaxy room. */
  async function browse(userId: string, sector: number): Promise<Room> {
    return (await clientFor(userId)).joinOrCreate('galaxy', { sector });
  }

  return { browse, chat, server, colyseus, port, endpoint, towns, battles, events, users, pendingSaves, clock, now, tokens, createPlayer, clientFor, join, watch, jumpIntoBattle };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;
