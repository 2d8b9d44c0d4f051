/**
 * The load bench's floor: what "one Colyseus 0.16 room per player" costs on this workload with everything of
 * Starscape stripped away. A bare Colyseus server (the same @colyseus/core, ws-transport and schema as the game
 * server) with one room per town (roomId = townId), a tiny schema state (two numbers and a shipyard queue of a
 * small order schema), patchRate 0 and broadcastPatch() right after each change. No auth, no database, no
 * validation beyond a type check, no welcome message, no shared rules.
 *
 * Kept from the game server only what makes Colyseus itself cheaper and is not game logic:
 *   - the pings of `GameTransport` (each socket on its own 10-s timer, skipped when the client sent anything),
 *     since the real server differs from Colyseus's default (one pass every 3 s);
 *   - `withoutPm2Io` (Colyseus 0.16 otherwise starts @pm2/io's inspector session and handle sampling).
 *
 *   node --import tsx bench/load/floorServer.ts      (cwd server/; env: GAME_PORT, GAME_HOST)
 * GET /healthz and GET /metrics answer like the game server's (the same `ProcessMetrics`).
 */
import '../../src/withoutPm2Io'; // before Colyseus starts
import http from 'node:http';
import { Room, Server, type Client } from '@colyseus/core';
import { ClientMessage, RoomName } from '@starscape/shared';
import { processMetrics } from '../../src/http/metrics';
import { GameTransport } from '../../src/transport/GameTransport';
import { FloorOrder, FloorTown } from './floorState';

class FloorRoom extends Room<FloorTown> {
  override autoDispose = true;
  private nextId = 1;

  override onCreate(options: { townId?: unknown }): void {
    if (typeof options?.townId !== 'string') throw new Error('townId');
    this.roomId = options.townId; // one room per town
    this.patchRate = 0; // no patch timer: a patch only right after a change
    this.setState(new FloorTown());
    this.state.since = Date.now();

    this.onMessage(ClientMessage.OrderShips, (_client: Client, message: { ship?: unknown; count?: unknown }) => {
      if (typeof message?.ship !== 'string' || typeof message.count !== 'number') return;
      const order = new FloorOrder();
      order.id = this.nextId++;
      order.ship = message.ship;
      order.remaining = message.count;
      this.state.shipyard.push(order);
      this.state.since = Date.now();
      this.broadcastPatch();
    });
    this.onMessage(ClientMessage.CancelShipOrder, (_client: Client, message: { orderId?: unknown }) => {
      if (typeof message?.orderId !== 'number') return;
      const i = this.state.shipyard.findIndex((o) => o.id === message.orderId);
      if (i < 0) return;
      this.state.shipyard.splice(i, 1);
      this.state.since = Date.now();
      this.broadcastPatch();
    });
  }
}

const port = Number(process.env.GAME_PORT ?? 2568);
const host = process.env.GAME_HOST ?? '127.0.0.1';
const metrics = processMetrics();
let gameServer: Server;
const httpServer = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' || (path !== '/healthz' && path !== '/metrics')) {
    res.writeHead(404).end();
    return;
  }
  const stats = { rooms: 0, clients: 0 };
  const body = path === '/healthz' ? { status: 'ok' } : metrics.report(stats);
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
});
gameServer = new Server({
  transport: new GameTransport({ server: httpServer, heartbeat: { intervalMs: 10_000, missesBeforeClose: 2 } }),
  gracefullyShutdown: false,
  greet: false,
});
gameServer.define(RoomName.Town, FloorRoom).filterBy(['townId']);
await gameServer.listen(port, host);
console.log(`floor listening on ${host}:${port}`);

const stop = () => {
  void gameServer.gracefullyShutdown(false).finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 10_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
