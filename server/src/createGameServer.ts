import http from 'node:http';
import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { MAX_MESSAGE_BYTES, RoomName } from '@starscape/shared';
import { createHttpApp } from './http/createHttpApp';
import { defineTownRoom } from './rooms/TownRoom';
import type { TownRoomServices } from './rooms/TownRoomServices';
import { TownAccess } from './towns/TownAccess';

export interface GameServerOptions extends Omit<TownRoomServices, 'access'> {
  monitor?: { username: string; password: string };
}

export interface GameServer {
  colyseus: Server;
  httpServer: http.Server;
  /** how outside events change towns, live room or not */
  towns: TownAccess;
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
  colyseus.define(RoomName.Town, defineTownRoom({ ...options, access: towns })).filterBy(['townId']);

  let port = 0;
  return {
    colyseus,
    httpServer,
    towns,
    async listen(requestedPort, host) {
      await colyseus.listen(requestedPort, host);
      const address = httpServer.address();
      port = typeof address === 'object' && address ? address.port : requestedPort;
      return port;
    },
    async shutdown() {
      await colyseus.gracefullyShutdown(false);
      await options.pendingSaves.drain();
    },
  };
}
