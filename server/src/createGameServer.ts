import './withoutPm2Io'; // before Colyseus starts: no PM2 inspector session and sampling
import http from 'node:http';
import './rooms/schema/stringEncodingFix'; // before any state is encoded
import './rooms/schema/changeSetReuse'; // likewise
import { Server, matchMaker } from '@colyseus/core';
import { MAX_MESSAGE_BYTES, RoomName } from '@starscape/shared';
import { createHttpApp } from './http/createHttpApp';
import { processMetrics, type ProcessMetrics } from './http/metrics';
import { GameTransport, type Heartbeat } from './transport/GameTransport';
import { InputTick } from './transport/InputTick';
import { releaseHeldWrites } from './transport/heldWrites';
import { colyseusLogger } from './logger';
import { standalone, type ClusterServices } from './cluster/clusterServices';
import { replayUpgradesForOtherMachines } from './cluster/machineRouting';
import { ColyseusRemoteTowns } from './cluster/RemoteTowns';
import { BattleEvent, BattleSettlement, type BattleSettlePayload } from './battles/BattleSettlement';
import { LiveBattles } from './battles/LiveBattles';
import { defineCombatRoom } from './rooms/CombatRoom';
import type { CombatRoomServices } from './rooms/CombatRoomServices';
import { defineGalaxyRoom } from './rooms/GalaxyRoom';
import type { GalaxyRoomServices } from './rooms/GalaxyRoomServices';
import { AutosaveQueue } from './rooms/AutosaveQueue';
import { TownEventClock } from './rooms/TownEventClock';
import { defineTownHostRoom, routeTownsToHosts } from './rooms/TownHostRoom';
import type { ChatRepository } from './persistence/ChatRepository';
import { ChatLimiter } from './presence/ChatLimiter';
import { OnlinePlayers } from './presence/OnlinePlayers';
import type { TownRoomServices } from './rooms/TownRoomServices';
import { FleetArrivals, FleetEvent, type FleetArrivePayload } from './fleets/FleetArrivals';
import type { BattleRepository } from './persistence/BattleRepository';
import type { EventQueue } from './persistence/EventQueue';
import { announceScheduled, Scheduler } from './scheduler';
import { TownAccess } from './towns/TownAccess';
import { DEFAULT_TOWN_HOSTS, TownHosts } from './towns/townHosts';

export interface GameServerOptions extends Omit<TownRoomServices, 'access' | 'fleets' | 'online' | 'autosave' | 'events'> {
  /** a changed town is saved this long after its first unsaved change: what a crash can lose */
  autosaveMs: number;
  battles: BattleRepository;
  events: EventQueue;
  chat: ChatRepository;
  /** how often the scheduler looks for due events (default 500 ms) */
  schedulerPollMs?: number;
  /** the longest the scheduler sleeps while no event it knows of is due sooner (default SCHEDULER_IDLE_POLL_MS) */
  schedulerIdlePollMs?: number;
  monitor?: { username: string; password: string };
  /** combat room timings (tests shorten the linger after a battle's end) */
  combat?: Pick<CombatRoomServices, 'patchMs' | 'lingerMs'>;
  /** galaxy room timings (tests re-read sectors more often) */
  galaxy?: Pick<GalaxyRoomServices, 'refreshMs'>;
  /** WebSocket pings (default every `WS_PING_INTERVAL_MS`, closed after 2 unanswered; tests shorten it) */
  heartbeat?: Heartbeat;
  /** Redis presence, driver and claims for several processes (default: this process alone) */
  cluster?: ClusterServices;
  /** paces the event loop from `listen` to `shutdown` (see `InputTick`); 0 or unset: a free-running loop */
  inputTickMs?: number;
  /** the numbers behind GET /metrics (default: the process's one) */
  metrics?: ProcessMetrics;
  /** how many host rooms towns are spread over, the same in every process (default `DEFAULT_TOWN_HOSTS`; 0: a room per town) */
  townHosts?: number;
}

export interface GameServer {
  colyseus: Server;
  httpServer: http.Server;
  /** how outside events change towns, live room or not */
  towns: TownAccess;
  /** runs fleet arrivals and other due events, also for towns nobody has open */
  scheduler: Scheduler;
  /** what happens when fleets arrive (the scheduler's handler) */
  arrivals: FleetArrivals;
  /** applies battle results to towns (the combat room at a battle's end, or the scheduled fallback) */
  settlement: BattleSettlement;
  /** opens combat rooms: for new battles, and on start for battles left running */
  battles: LiveBattles;
  /** this process in the cluster: its claims (towns, battles, sectors) and its address */
  cluster: ClusterServices;
  /** the event loop's pace, when it has one (`inputTickMs`) */
  inputTick: InputTick | undefined;
  listen(port: number, host?: string): Promise<number>;
  /** Disconnects everyone, disposes every room and waits until every town is saved. */
  shutdown(): Promise<void>;
}

/** How often the server pings each WebSocket to find dead ones. */
export const WS_PING_INTERVAL_MS = 10_000;
/**
 * With a paced loop, how long after a matchmaking answer the loop stays awake for the client's WebSocket (it
 * comes a round trip later; a client that never comes, or goes to another machine, frees the loop after this).
 */
export const JOIN_FOLLOW_UP_MS = 1000;
/**
 * The longest the scheduler sleeps while no event it knows of falls due sooner. Events this process schedules
 * wake it (`announceScheduled`); one scheduled by another process that then went away is found within this.
 * An idle server polled its database every 500 ms before, which was half its idle CPU (BENCHMARKS.md, session 12).
 */
export const SCHEDULER_IDLE_POLL_MS = 5000;

/** Builds the game server: express (health, monitor), the ws transport and the room types. */
export function createGameServer(options: GameServerOptions): GameServer {
  const metrics = options.metrics ?? processMetrics();
  const cluster = options.cluster ?? standalone();
  const app = createHttpApp({ monitor: options.monitor, logger: options.logger, startedAt: options.now(), metrics, clustered: cluster.publicAddress !== undefined });
  const httpServer = http.createServer(app);
  const inputTick = options.inputTickMs ? new InputTick({ tickMs: options.inputTickMs }) : undefined;
  const colyseus = new Server({
    transport: new GameTransport({
      server: httpServer,
      maxPayload: MAX_MESSAGE_BYTES,
      verifyClient: replayUpgradesForOtherMachines(cluster.machineId),
      // a ping every 10 s (Colyseus's default is 3 s) to sockets silent that long, a tenth of them at a time; a dead socket goes in 20–30 s
      heartbeat: options.heartbeat ?? { intervalMs: WS_PING_INTERVAL_MS, missesBeforeClose: 2 },
      inputTick, // a join's steps come without naps
    }),
    presence: cluster.presence,
    driver: cluster.driver,
    publicAddress: cluster.publicAddress,
    // we handle signals in main.ts, so the process exits only after every save is done (colyseus#823)
    gracefullyShutdown: false,
    logger: colyseusLogger(options.logger),
    greet: false,
  });
  if (inputTick) {
    inputTick.atEachTurnEnd(releaseHeldWrites); // the turn's patches go out before the loop naps
    metrics.measureTurns(inputTick);
    httpServer.on('connection', () => inputTick.accepted());
    // after Colyseus took the 'request' listeners over (its matchmaking routes skip them)
    httpServer.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
      inputTick.followUpArrived();
      const release = inputTick.hold();
      response.once('close', () => {
        release();
        // a seat (or a preflight's answer): the client's WebSocket (or request) comes a round trip later
        if (request.url?.includes(`/${matchMaker.controller.matchmakeRoute}/`)) inputTick.awaitFollowUp(JOIN_FOLLOW_UP_MS);
      });
    });
  }
  const { claims } = cluster;
  const hosts = new TownHosts(options.townHosts ?? DEFAULT_TOWN_HOSTS);
  const towns = new TownAccess({ ...options, claims, hosts, remote: new ColyseusRemoteTowns() });
  const { logger, events, now } = options;
  const online = new OnlinePlayers(claims, logger);
  const scheduler = new Scheduler({
    queue: events,
    logger,
    pollMs: options.schedulerPollMs,
    idlePollMs: options.schedulerIdlePollMs ?? SCHEDULER_IDLE_POLL_MS,
    now: () => new Date(now()),
  });
  const scheduled = announceScheduled(events, scheduler); // what this process schedules wakes its scheduler
  const settlement = new BattleSettlement({ battles: options.battles, towns, events: scheduled, logger, now });
  const live = new LiveBattles({ battles: options.battles, logger });
  const fleets = new FleetArrivals({ towns, townRecords: options.towns, battles: options.battles, events: scheduled, settlement, live, logger });
  scheduler.on(FleetEvent.Arrive, (event) => fleets.handleArrival(event.payload as FleetArrivePayload));
  scheduler.on(BattleEvent.Settle, (event) => settlement.settle((event.payload as BattleSettlePayload).battleId));
  const autosave = new AutosaveQueue({ towns: options.towns, delayMs: options.autosaveMs, logger });
  const townEvents = new TownEventClock({ now, logger });
  routeTownsToHosts(colyseus.define(RoomName.Town, defineTownHostRoom({ ...options, access: towns, fleets, online, autosave, events: townEvents, hosts, claims })), hosts);
  colyseus.define(
    RoomName.Galaxy,
    defineGalaxyRoom({
      towns: options.towns,
      users: options.users,
      tokens: options.tokens,
      chat: options.chat,
      chatLimiter: new ChatLimiter(),
      online,
      presence: () => matchMaker.presence,
      now,
      reconnectGraceSeconds: options.reconnectGraceSeconds,
      logger,
      claims,
      messageLimits: options.messageLimits,
      ...options.galaxy,
    }),
  ).filterBy(['sector']);
  colyseus.define(
    RoomName.Combat,
    defineCombatRoom({
      battles: options.battles,
      towns: options.towns,
      users: options.users,
      tokens: options.tokens,
      online,
      settle: (battleId) => settlement.settle(battleId),
      now,
      reconnectGraceSeconds: options.reconnectGraceSeconds,
      logger,
      claims,
      messageLimits: options.messageLimits,
      ...options.combat,
    }),
  );

  let port = 0;
  return {
    colyseus,
    httpServer,
    towns,
    scheduler,
    arrivals: fleets,
    settlement,
    battles: live,
    cluster,
    inputTick,
    async listen(requestedPort, host) {
      await claims.start(); // alive before the first claim
      await colyseus.listen(requestedPort, host);
      await online.start();
      const address = httpServer.address();
      port = typeof address === 'object' && address ? address.port : requestedPort;
      await live.resumeRunning(); // battles that were being fought when the last process stopped
      scheduler.start(); // its first poll runs what fell due while no server was up
      inputTick?.start(); // after the start-up's database round trips, which it would slow down
      return port;
    },
    async shutdown() {
      inputTick?.stop(); // the last saves and goodbyes at full speed
      await scheduler.stop(); // handlers in flight finish (and save) before rooms go away
      online.stop();
      await colyseus.gracefullyShutdown(false);
      await options.pendingSaves.drain();
      autosave.stop();
      townEvents.stop();
      await claims.stop(); // after the last save: another process may now open these towns
    },
  };
}
