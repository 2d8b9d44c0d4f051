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
 * With FLOOR_TOWNS_PER_ROOM > 1 (the bench's `floor-hosted`), many towns share a room instead (`HostedTownsRoom`).
 *
 *   node --import tsx bench/load/floorServer.ts      (cwd server/; env: GAME_PORT, GAME_HOST, FLOOR_TOWNS_PER_ROOM)
 * GET /healthz and GET /metrics answer like the game server's (the same `ProcessMetrics`).
 */
import '../../src/withoutPm2Io'; // before Colyseus starts
import http from 'node:http';
import { ClientState, Protocol, Room, SchemaSerializer, Server, type Client } from '@colyseus/core';
import type { Encoder } from '@colyseus/schema';
import { withEncoderBufferSize } from '../../src/rooms/sizedState';
import { sharedBufferEncoder, sharedBuffers } from '../../src/rooms/TownSerializer';
import { ClientMessage, RoomName } from '@starscape/shared';
import { processMetrics } from '../../src/http/metrics';
import { GameTransport } from '../../src/transport/GameTransport';
import { FloorOrder, FloorTown } from './floorState';

type OrderMessage = { ship?: unknown; count?: unknown } | undefined;
type CancelMessage = { orderId?: unknown } | undefined;

/** The floor's order: a new shipyard entry with `id`; false (nothing changed) for a malformed message. */
function orderShip(state: FloorTown, id: number, message: OrderMessage): boolean {
  if (typeof message?.ship !== 'string' || typeof message.count !== 'number') return false;
  const order = new FloorOrder();
  order.id = id;
  order.ship = message.ship;
  order.remaining = message.count;
  state.shipyard.push(order);
  state.since = Date.now();
  return true;
}

/** The floor's cancel: the entry leaves the queue; false when the message is malformed or names no entry. */
function cancelShipOrder(state: FloorTown, message: CancelMessage): boolean {
  if (typeof message?.orderId !== 'number') return false;
  const i = state.shipyard.findIndex((o) => o.id === message.orderId);
  if (i < 0) return false;
  state.shipyard.splice(i, 1);
  state.since = Date.now();
  return true;
}

class FloorRoom extends Room<FloorTown> {
  override autoDispose = true;
  private nextId = 1;

  override onCreate(options: { townId?: unknown }): void {
    if (typeof options?.townId !== 'string') throw new Error('townId');
    this.roomId = options.townId; // one room per town
    this.patchRate = 0; // no patch timer: a patch only right after a change
    this.setState(new FloorTown());
    this.state.since = Date.now();

    this.onMessage(ClientMessage.OrderShips, (_client: Client, message: OrderMessage) => {
      if (orderShip(this.state, this.nextId, message)) {
        this.nextId++;
        this.broadcastPatch();
      }
    });
    this.onMessage(ClientMessage.CancelShipOrder, (_client: Client, message: CancelMessage) => {
      if (cancelShipOrder(this.state, message)) this.broadcastPatch();
    });
  }
}

/**
 * The hosted floor (`FLOOR_TOWNS_PER_ROOM` > 1): many towns share one Colyseus room, so a player costs a client
 * and a town, not a room. Each client still sees its own town as the room's state (the handshake is the same
 * `FloorTown` type), so the load bench's clients cannot tell the two floors apart. A town keeps its own state
 * and encoder (encoding into buffers all towns share); a change is encoded once and sent to that town's clients
 * only, never to the room's others. Rooms fill up in turn (`maxClients`); towns are not bound to a room, as no
 * two clients here share one.
 */
const townsPerRoom = Number(process.env.FLOOR_TOWNS_PER_ROOM ?? 1);
if (!Number.isInteger(townsPerRoom) || townsPerRoom < 1) throw new Error('FLOOR_TOWNS_PER_ROOM must be a whole number ≥ 1');
class HostedTown {
  readonly state = new FloorTown();
  /** writes into the buffers every town shares, as the game's town rooms do; each result is a copy */
  readonly encoder: Encoder<FloorTown>;
  readonly clients: Client[] = [];
  nextId = 1;

  constructor(readonly townId: string) {
    this.state.since = Date.now();
    this.encoder = sharedBufferEncoder(this.state);
    this.encoder.discardChanges(); // nobody has the town yet: a joiner gets its full state
  }

  /** Encodes the town's changes once and sends them to its clients. */
  patch(): void {
    this.encoder.sharedBuffer[0] = Protocol.ROOM_STATE_PATCH;
    const bytes = this.encoder.encode({ offset: 1 });
    for (const client of this.clients) if (client.state === ClientState.JOINED) client.raw(bytes);
    this.encoder.discardChanges();
  }
}

/** A hosted room's serializer: a joiner's full state is its own town's; patches are each town's (`HostedTown.patch`). */
class HostedTownsSerializer extends SchemaSerializer<FloorTown> {
  override getFullState(client?: Client): Buffer {
    const town = client?.userData as HostedTown | undefined;
    if (!town) throw new Error('HostedTownsSerializer: a client without a town');
    return town.encoder.encodeAll({ offset: 1 }, sharedBuffers().fullState);
  }

  override applyPatches(): boolean {
    return false;
  }
}

const hostedTowns = new Map<string, HostedTown>();

class HostedTownsRoom extends Room<FloorTown> {
  override autoDispose = true;
  override maxClients = townsPerRoom;

  override onCreate(): void {
    this.patchRate = 0;
    // the room's own state only gives the handshake its type; its buffers are made tiny
    withEncoderBufferSize(8, () => this.setState(new FloorTown()));
    Object.setPrototypeOf((this as unknown as { _serializer: object })._serializer, HostedTownsSerializer.prototype);

    this.onMessage(ClientMessage.OrderShips, (client: Client, message: OrderMessage) => {
      const town = client.userData as HostedTown;
      if (orderShip(town.state, town.nextId, message)) {
        town.nextId++;
        town.patch();
      }
    });
    this.onMessage(ClientMessage.CancelShipOrder, (client: Client, message: CancelMessage) => {
      const town = client.userData as HostedTown;
      if (cancelShipOrder(town.state, message)) town.patch();
    });
  }

  override onJoin(client: Client, options: { townId?: unknown }): void {
    if (typeof options?.townId !== 'string') throw new Error('townId');
    let town = hostedTowns.get(options.townId);
    if (!town) hostedTowns.set(options.townId, (town = new HostedTown(options.townId)));
    town.clients.push(client);
    client.userData = town;
  }

  override onLeave(client: Client, _consented: boolean): void {
    const town = client.userData as HostedTown | undefined;
    if (!town) return;
    const i = town.clients.indexOf(client);
    if (i >= 0) town.clients.splice(i, 1);
    if (town.clients.length === 0) hostedTowns.delete(town.townId);
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
if (townsPerRoom > 1) gameServer.define(RoomName.Town, HostedTownsRoom);
else gameServer.define(RoomName.Town, FloorRoom).filterBy(['townId']);
await gameServer.listen(port, host);
console.log(`floor listening on ${host}:${port} (${townsPerRoom === 1 ? 'a room per town' : `${townsPerRoom} towns a room`})`);

const stop = () => {
  void gameServer.gracefullyShutdown(false).finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 10_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
