import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketTransport, type TransportOptions } from '@colyseus/ws-transport';
import type WebSocket from 'ws';
import type { InputTick } from './InputTick';

/** How often each WebSocket is pinged, and how many unanswered pings close it (a dead socket goes in 20–30 s). */
export interface Heartbeat {
  intervalMs: number;
  missesBeforeClose: number;
}

type PingedSocket = WebSocket & { pingCount?: number; heard?: boolean; heartbeatSlice?: Set<PingedSocket> };

/** Each socket is looked at once an interval, in one of this many slices (one slice per tick). */
const SLICES = 10;

/** A socket's message listener: one function for all of them (no closure per connection). */
function heard(this: PingedSocket): void {
  this.heard = true;
}

/** A socket's close listener, likewise. */
function leaveHeartbeat(this: PingedSocket): void {
  this.heartbeatSlice?.delete(this);
}

/**
 * Colyseus's WebSocket transport with its heartbeat changed:
 * - Colyseus 0.16 pings every socket in one synchronous pass each interval; with 10,000 players that pass held
 *   the event loop for a large fraction of a second, and every player's next message waited for it. Here the
 *   sockets are spread over ten slices, and one timer looks at one slice each tenth of the interval: the same
 *   pings in total, never piled up, and one timer for the process (a timer per socket woke the process for
 *   each of them, and cost each connection a `Timeout` and a closure).
 * - A socket that sent anything during an interval is not pinged at the end of it: a ping and its pong cost
 *   about 90 µs of server CPU, nearly 1 % of a core for 1,000 players (BENCHMARKS.md), to learn what the
 *   player's own messages already showed. A silent socket is pinged as before (Colyseus still resets
 *   `pingCount` on each pong), so a dead one still goes in 20–30 s.
 */
export class GameTransport extends WebSocketTransport {
  private readonly slices: Array<Set<PingedSocket>> = Array.from({ length: SLICES }, () => new Set());
  private nextSlice = 0;
  private readonly heartbeatTimer: NodeJS.Timeout;

  constructor(options: TransportOptions & { heartbeat: Heartbeat; inputTick?: InputTick }) {
    const { heartbeat, inputTick, ...rest } = options;
    super({ ...rest, pingInterval: 0 }); // no pass over every socket
    if (inputTick && rest.server) this.holdJoins(rest.server, inputTick);
    let joined = 0;
    this.wss.on('connection', (socket: PingedSocket) => {
      socket.pingCount = 0;
      socket.heard = false;
      socket.heartbeatSlice = this.slices[joined++ % SLICES]!;
      socket.heartbeatSlice.add(socket);
      socket.on('message', heard);
      socket.once('close', leaveHeartbeat);
    });
    this.heartbeatTimer = setInterval(() => this.beat(heartbeat.missesBeforeClose), heartbeat.intervalMs / SLICES);
    this.heartbeatTimer.unref();
  }

  /**
   * A paced loop (`InputTick`) would take a tick for each step of a WebSocket join: the handshake, the room's
   * answer, the client's acknowledgement. So the loop is held from the upgrade until the client's first message
   * (that acknowledgement) or the socket's close. A lone join on a quiet server, client in another process: 156 ms
   * with the tick before this hold, 106–112 ms with it, 14–15 ms without a tick (BENCHMARKS.md, session 11). The
   * wait between the matchmaking answer and this upgrade is held too (`InputTick.awaitFollowUp`, in
   * createGameServer).
   */
  private holdJoins(server: NonNullable<TransportOptions['server']>, inputTick: InputTick): void {
    const held = new WeakMap<IncomingMessage, () => void>();
    // before ws's own listener, which may finish the handshake (and emit 'connection') at once
    server.prependListener('upgrade', (request: IncomingMessage, socket: Duplex) => {
      const release = inputTick.hold();
      inputTick.followUpArrived(); // the matchmaking answer's wait ends: this hold takes over
      held.set(request, release);
      socket.once('close', release);
    });
    this.wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
      const release = held.get(request);
      if (release) socket.once('message', release);
    });
  }

  override shutdown(): void {
    clearInterval(this.heartbeatTimer);
    super.shutdown();
  }

  /** One slice's turn: each of its sockets has had a whole interval since its last turn. */
  private beat(missesBeforeClose: number): void {
    const slice = this.slices[this.nextSlice]!;
    this.nextSlice = (this.nextSlice + 1) % SLICES;
    for (const socket of slice) {
      // anything the client sent in this interval proves the connection alive: no ping needed
      if (socket.heard) {
        socket.heard = false;
        socket.pingCount = 0;
        continue;
      }
      if ((socket.pingCount ?? 0) >= missesBeforeClose) {
        slice.delete(socket);
        socket.terminate(); // unanswered: the connection is dead; the room sees the client leave
        continue;
      }
      socket.pingCount = (socket.pingCount ?? 0) + 1;
      socket.ping();
    }
  }
}
