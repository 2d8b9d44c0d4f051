/**
 * One player's client in the load bench, for either server: joins the player's town, tells what shipyard
 * queue it last saw, sends the two actions, and counts the bytes its socket received (TCP payload: WebSocket
 * frames with their headers, and for socket.io the engine.io/socket.io packet framing too).
 */
import type { Socket as NetSocket } from 'node:net';
import { Client, type Room } from 'colyseus.js';
import { io, type Socket } from 'socket.io-client';
import { ClientMessage, RoomName, ServerMessage } from '@starscape/shared';
import { ORDERED_SHIP } from './workload';

export type ServerKind = 'colyseus' | 'baseline' | 'floor';

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

/** A colyseus.js client in its town room, as the web client joins it (`GameConnection`). */
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
  ) {}

  async join(): Promise<void> {
    const client = new Client(this.endpoint);
    client.auth.token = this.token;
    const room = await client.joinOrCreate(RoomName.Town, { townId: this.townId });
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
      room.onStateChange((state: { shipyard?: unknown }) => {
        if (!this.ready && state.shipyard) {
          this.ready = true;
          clearTimeout(timer);
          resolve();
        }
        this.onUpdate();
      });
    });
  }

  queue(): { length: number; lastId: number | null } {
    const shipyard = (this.room?.state as { shipyard?: { length: number; [i: number]: { id: number } } } | undefined)?.shipyard;
    if (!shipyard) return { length: 0, lastId: null };
    return { length: shipyard.length, lastId: shipyard.length > 0 ? shipyard[shipyard.length - 1]!.id : null };
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
  return kind !== 'baseline' ? new ColyseusTownPlayer(endpoint, townId, token) : new SocketIoTownPlayer(endpoint, townId, token);
}
