import http from 'node:http';
import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { MAX_MESSAGE_BYTES, RoomName } from '@starscape/shared';
import { createHttpApp } from './http/createHttpApp';
import { defineTownRoom } from './rooms/TownRoom';
import type { TownRoomServices } from './rooms/TownRoomServices';
import { FleetArrivals, FleetEvent, type FleetArrivePayload } from './fleets/FleetArrivals';
import type { BattleRepository } from './persistence/BattleRepository';
import type { EventQueue } from './persistence/EventQueue';
import { Scheduler } from './scheduler';
import { TownAccess } from './towns/TownAccess';

export interface GameServerOptions extends Omit<TownRoomServices, 'access' | 'fleets'> {
  battles: BattleRepository;
  events: EventQueue;
  /** how often the scheduler looks for due events (default 500 ms) */
  schedulerPollMs?: number;
  monitor?: { username: string; password: string };
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
  listen(port: number, host?: string): Promise<number>;
  /** Disconnects everyone, disposes every room and waits until every town is saved. */
  shutdown(): Promise<void>;
}

/** Builds the game server: express (health, monitor), the ws transport and the room types. */
export function createGameServer(options: GameServerOptions): GameServer {
  const app = createHttpApp({ monitor: options.monitor, logger: options.logger, startedAt: options.now() });
  const httpServer = http.createServer(app);
  const colyseus = new Server({
    transport: new WebSocketTransport({ server: httpServer, maxPayload: MAX_MESSAGE_BYTES }),
    // we handle signals in main.ts, so the process exits only after every save is done (colyseus#823)
    gracefullyShutdown: false,
    greet: false,
  });
  const towns = new TownAccess(options);
  const fleets = new FleetArrivals({ towns, battles: options.battles, events: options.events, logger: options.logger });
  const scheduler = new Scheduler({ queue: options.events, logger: options.logger, pollMs: options.schedulerPollMs, now: () => new Date(options.now()) });
  scheduler.on(FleetEvent.Arrive, (event) => fleets.handleArrival(event.payload as FleetArrivePayload));
  colyseus.define(RoomName.Town, defineTownRoom({ ...options, access: towns, fleets })).filterBy(['townId']);

  let port = 0;
  return {
    colyseus,
    httpServer,
    towns,
    scheduler,
    arrivals: fleets,
    async listen(requestedPort, host) {
      await colyseus.listen(requestedPort, host);
      const address = httpServer.address();
      port = typeof address === 'object' && address ? address.port : requestedPort;
      scheduler.start(); // its first poll runs what fell due while no server was up
      return port;
    },
    async shutdown() {
      await scheduler.stop(); // handlers in flight finish (and save) before rooms go away
      await colyseus.gracefullyShutdown(false);
      await options.pendingSaves.drain();
    },
  };
}
