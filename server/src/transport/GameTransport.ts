import { WebSocketTransport, type TransportOptions } from '@colyseus/ws-transport';
import type WebSocket from 'ws';

/** How often each WebSocket is pinged, and how many unanswered pings close it (a dead socket goes in 20–30 s). */
export interface Heartbeat {
  intervalMs: number;
  missesBeforeClose: number;
}

type PingedSocket = WebSocket & { pingCount?: number; heard?: boolean };

/**
 * Colyseus's WebSocket transport with one change: each socket is pinged on its own timer, from the moment
 * it connected, instead of every socket in one loop. Colyseus 0.16 pings all sockets in a single synchronous
 * pass every interval; with 10,000 players that pass holds the event loop for a large fraction of a second,
 * every interval, and every player's next message waits for it. Spread over each socket's own timer the same
 * pings cost the same in total but never pile up. (Colyseus still resets `pingCount` on each pong.) And a
 * socket that sent anything during an interval is not pinged at the end of it: a ping and its pong cost
 * about 90 µs of server CPU, nearly 1 % of a core for 1,000 players (BENCHMARKS.md), to learn what the
 * player's own messages already showed. A silent socket is pinged as before, so a dead one still goes in
 * 20–30 s.
 */
export class GameTransport extends WebSocketTransport {
  constructor(options: TransportOptions & { heartbeat: Heartbeat }) {
    const { heartbeat, ...rest } = options;
    super({ ...rest, pingInterval: 0 }); // no pass over every socket
    this.wss.on('connection', (socket: PingedSocket) => {
      socket.pingCount = 0;
      socket.heard = false;
      socket.on('message', () => (socket.heard = true));
      const timer = setInterval(() => {
        // anything the client sent in this interval proves the connection alive: no ping needed
        if (socket.heard) {
          socket.heard = false;
          socket.pingCount = 0;
          return;
        }
        if ((socket.pingCount ?? 0) >= heartbeat.missesBeforeClose) {
          clearInterval(timer);
          socket.terminate(); // unanswered: the connection is dead; the room sees the client leave
          return;
        }
        socket.pingCount = (socket.pingCount ?? 0) + 1;
        socket.ping();
      }, heartbeat.intervalMs);
      timer.unref();
      socket.once('close', () => clearInterval(timer));
    });
  }
}
