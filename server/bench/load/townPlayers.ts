/**
 * One player's client in the load bench, for either server: joins the player's town, tells what shipyard
 * queue it last saw, sends the two actions, and counts the bytes its socket received (TCP payload: WebSocket
 * frames with their headers, and for socket.io the engine.io/socket.io packet framing too).
 */
import type { Socket as NetSocket } from 'node:net';
import { Decoder, TypeContext, type Schema } from '@colyseus/schema';
import { Client, SchemaSerializer, registerSerializer, type Room } from 'colyseus.js';
import { io, type Socket } from 'socket.io-client';
import { ClientMessage, EMPTY_SHIPYARD_SLOT, RoomName, ServerMessage } from '@starscape/shared';
import { TownState } from '../../src/rooms/schema/TownState';
import { FloorTown } from './floorState';
import { ORDERED_SHIP } from './workload';

export type ServerKind = 'colyseus' | 'baseline' | 'floor' | 'floor-hosted';

/** How many towns share a room in the `floor-hosted` server. */
export const HOSTED_TOWNS_PER_ROOM = 100;

/** The bare Colyseus floors (floorServer.ts): a room per town, or many towns a room. */
export const FLOOR_KINDS: readonly ServerKind[] = ['floor', 'floor-hosted'];
export const isFloor = (kind: ServerKind) => FLOOR_KINDS.includes(kind);

export interface TownPlayer {
  /** true from the join until the connection drops */
  readonly connected: boolean;
  /** whether the town's state has arrived */
  readonly ready: boolean;
  /** requests the server refused (should stay 0) */
  readonly refusals: number;
  /** Connects and resolves once the town's state has arrived. */
  join(): Promise<void>;
  /** the shipyard queue the client shows now */
  queue(): { length: number; lastId: number | null };
  order(): void;
  cancel(orderId: number): void;
  /** bytes received on this player's socket since it connected (still readable after it closed) */
  bytesRead(): number;
  /** called after every state update the client applies */
  onUpdate: () => void;
  /** called once when the connection drops */
  onDrop: () => void;
  close(): void;
}

/**
 * colyseus.js's schema serializer, except that a client given its state's class (colyseus.js's `rootSchema`)
 * skips the server's reflection instead of decoding it. colyseus.js decodes the reflection even then, and
 * @colyseus/schema 3.0's `Reflection.decode` builds a class per type that it keeps for good
 * (`TypeContext.register` files each one under its parent class in a process-wide map), with the decoded
 * reflection behind it: 129 KB of heap per join of a town room, never given back (the web client lets go of them
 * after each join: `forgetReflectedTypes`). A load generator joins thousands of rooms, and its heap grew to
 * 550–700 MB at 4,000 clients, with scavenges of up to 400 ms in which none of its clients read anything
 * (BENCHMARKS.md, session 13); decoding into one set of classes also keeps its inline caches to one shape per
 * type. The reflection is the rest of the join message, so skipping it reads the same bytes after it; the state
 * decodes as before.
 */
class KnownStateSerializer extends SchemaSerializer {
  override handshake(bytes: Buffer, it: { offset: number }): void {
    if (!this.state) return super.handshake(bytes, it);
    it.offset = bytes.byteLength;
    this.decoder = new Decoder(this.state, TypeContext.cache(this.state.constructor as typeof Schema));
  }
}
registerSerializer('schema', KnownStateSerializer);

/**
 * A colyseus.js client in its town room, as the web client joins it (`GameConnection`). Without `stateClass` it
 * builds the state's classes from the server's reflection, as the web client does; with it (the load generators
 * pass the server's own state classes) it decodes into those and skips the reflection (`KnownStateSerializer`).
 * The bytes on the wire and the state the client reads are the same.
 */
export class ColyseusTownPlayer implements TownPlayer {
  connected = false;
  ready = false;
  refusals = 0;
  onUpdate = () => {};
  onDrop = () => {};
  private room: Room | undefined;
  private socket: NetSocket | undefined;

  constructor(
    private readonly endpoint: string,
    private readonly townId: string,
    private readonly token: string,
    private readonly stateClass?: typeof Schema,
  ) {}

  async join(): Promise<void> {
    const client = new Client(this.endpoint);
    client.auth.token = this.token;
    const room = await client.joinOrCreate(RoomName.Town, { townId: this.townId }, this.stateClass);
    this.room = room;
    this.connected = true;
    this.socket = (room.connection.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;
    room.onMessage(ServerMessage.Welcome, () => {});
    room.onMessage(ServerMessage.Error, () => this.refusals++);
    room.onMessage('*', () => {});
    room.onLeave(() => {
      if (!this.connected) return;
      this.connected = false;
      this.onDrop();
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.townId}: no state 30 s after joining`)), 30_000);
      room.onStateChange((state: Schema) => {
        if (!this.ready && (state as { shipyard?: unknown }).shipyard) {
          this.ready = true;
          clearTimeout(timer);
          resolve();
        }
        this.onUpdate();
      });
    });
  }

  queue(): { length: number; lastId: number | null } {
    const shipyard = (this.room?.state as { shipyard?: Iterable<{ id: number }> } | undefined)?.shipyard;
    // counted in place (read on every update of every player: no list per read), the empty slot left out
    let length = 0;
    let lastId: number | null = null;
    for (const { id } of shipyard ?? []) {
      if (id === EMPTY_SHIPYARD_SLOT) continue;
      length++;
      lastId = id;
    }
    return { length, lastId };
  }

  order(): void {
    this.room?.send(ClientMessage.OrderShips, { ship: ORDERED_SHIP, count: 1 });
  }

  cancel(orderId: number): void {
    this.room?.send(ClientMessage.CancelShipOrder, { orderId });
  }

  bytesRead(): number {
    return this.socket?.bytesRead ?? 0;
  }

  close(): void {
    this.connected = false;
    this.room?.connection.close();
  }
}

/** What the socket.io baseline sends: the whole town, every second and right after each action. */
export interface BaselineTownView {
  townId: string;
  name: string;
  ownerId: string;
  ownerName: string;
  town: { shipyard: Array<{ id: number }> } & Record<string, unknown>;
}

/** A socket.io client of the baseline, on its own connection (websocket transport, as browsers end up on). */
export class SocketIoTownPlayer implements TownPlayer {
  connected = false;
  ready = false;
  refusals = 0;
  onUpdate = () => {};
  onDrop = () => {};
  private socket: Socket | undefined;
  private raw: NetSocket | undefined;
  private view: BaselineTownView | undefined;

  constructor(
    private readonly endpoint: string,
    private readonly townId: string,
    private readonly token: string,
  ) {}

  join(): Promise<void> {
    return new Promise((resolve, reject) => {
      // forceNew: io() would otherwise multiplex every player of this process over one connection
      const socket = io(this.endpoint, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: this.token, townId: this.townId } });
      this.socket = socket;
      const timer = setTimeout(() => {
        socket.close();
        reject(new Error(`${this.townId}: no town 30 s after connecting`));
      }, 30_000);
      socket.on('connect', () => {
        this.connected = true;
        this.raw = (socket.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;
      });
      socket.on('connect_error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.on('refused', () => this.refusals++);
      socket.on('town', (view: BaselineTownView) => {
        this.view = view;
        if (!this.ready) {
          this.ready = true;
          clearTimeout(timer);
          resolve();
        }
        this.onUpdate();
      });
      socket.on('disconnect', () => {
        if (!this.connected) return;
        this.connected = false;
        this.onDrop();
      });
    });
  }

  queue(): { length: number; lastId: number | null } {
    const shipyard = this.view?.town.shipyard ?? [];
    return { length: shipyard.length, lastId: shipyard.at(-1)?.id ?? null };
  }

  order(): void {
    this.socket?.emit('action', { type: ClientMessage.OrderShips, payload: { ship: ORDERED_SHIP, count: 1 } });
  }

  cancel(orderId: number): void {
    this.socket?.emit('action', { type: ClientMessage.CancelShipOrder, payload: { orderId } });
  }

  bytesRead(): number {
    return this.raw?.bytesRead ?? 0;
  }

  close(): void {
    this.connected = false;
    this.socket?.close();
  }
}

export function createTownPlayer(kind: ServerKind, endpoint: string, townId: string, token: string): TownPlayer {
  if (kind === 'baseline') return new SocketIoTownPlayer(endpoint, townId, token);
  return new ColyseusTownPlayer(endpoint, townId, token, isFloor(kind) ? FloorTown : TownState);
}
