import { ClientState, Protocol, type Client, type Room } from '@colyseus/core';
import type { Logger } from '../logger';
import { refuse } from './roomMessages';

/** How many messages one connection may send: a burst, then a steady rate; far beyond it, the door. */
export interface MessageLimits {
  /** messages allowed at once (a bucket of this size) */
  burst: number;
  /** messages per second the bucket refills with */
  perSecond: number;
  /** messages dropped within `windowMs` after which the connection is closed */
  dropsBeforeClose: number;
  windowMs: number;
}

/**
 * A person clicks a few times a second at most, and the clients add a clock ping every few seconds: 20 at
 * once and 10 a second is far above that. A connection that keeps sending after its messages are dropped
 * (200 dropped within 10 s) is a script, and is closed.
 */
export const DEFAULT_MESSAGE_LIMITS: MessageLimits = { burst: 20, perSecond: 10, dropsBeforeClose: 200, windowMs: 10_000 };

/** Close code for a connection closed for flooding (4000–4999 are the application's). */
export const CLOSE_FLOODING = 4429;

interface Allowance {
  tokens: number;
  refilledAt: number;
  droppedInWindow: number;
  windowStartedAt: number;
  warnedAt: number;
}

/** Where a connection's allowance lives: on its `Client`, so a room keeps no table of its own. */
const ALLOWANCE = Symbol('starscape.allowance');
type GuardedClient = Client & { [ALLOWANCE]?: Allowance };

/**
 * Guards every frame a room receives, before Colyseus decodes it:
 * - **Flooding.** Each connection has a token bucket. A message beyond it is dropped unread, and the sender
 *   (only the sender) is told `message/rate-limited`, at most once a second. Too many drops and the
 *   connection is closed with 4429. Other players in the room and the process are untouched: a dropped frame
 *   costs a subtraction.
 *   The leave request and the join's acknowledgement are never dropped: a flooder's leave dropped left its
 *   `leave()` waiting until the server closed the socket; each comes once (and a leave ends the connection).
 * - **Malformed frames.** Colyseus 0.16 decodes the message type outside its own try/catch, so some broken
 *   frames would throw out of the socket's message handler. Such a frame closes only its connection.
 *
 * One guard serves every room of a type (every town host: nothing per room); a connection's bucket is
 * kept on its `Client`.
 */
export class IncomingGuard {
  private readonly limits: MessageLimits;
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(options: { limits?: MessageLimits; logger: Logger; now?: () => number }) {
    this.limits = options.limits ?? DEFAULT_MESSAGE_LIMITS;
    this.now = options.now ?? Date.now;
    this.logger = options.logger;
  }

  /** Passes `buffer` to `decode` when `client` is within its allowance; a frame that makes `decode` throw closes that connection only. */
  receive<C extends Client, B extends Uint8Array>(room: Room, client: C, buffer: B, decode: (client: C, buffer: B) => void): void {
    if (!isJoinOrLeaveStep(client, buffer) && !this.admit(room, client)) return;
    try {
      decode(client, buffer);
    } catch (error) {
      this.malformed(room, client, error);
    }
  }

  /** Closes the connection whose frame could not be decoded (the error Colyseus threw decoding it). */
  private malformed(room: Room, client: Client, error: unknown): void {
    this.logger.warn('closing a connection that sent a malformed frame', { roomId: room.roomId, sessionId: client.sessionId, error: String(error) });
    client.leave(Protocol.WS_CLOSE_WITH_ERROR);
  }

  /** Takes one message from `client`'s allowance: false when it has none left (the frame is to be dropped unread). */
  private admit(room: Room, guarded: Client): boolean {
    const client = guarded as GuardedClient;
    const { limits } = this;
    const at = this.now();
    let allowance = client[ALLOWANCE];
    if (!allowance) {
      allowance = { tokens: limits.burst, refilledAt: at, droppedInWindow: 0, windowStartedAt: at, warnedAt: -Infinity };
      client[ALLOWANCE] = allowance;
    }
    allowance.tokens = Math.min(limits.burst, allowance.tokens + ((at - allowance.refilledAt) / 1000) * limits.perSecond);
    allowance.refilledAt = at;
    if (allowance.tokens >= 1) {
      allowance.tokens -= 1;
      return true;
    }
    if (at - allowance.windowStartedAt >= limits.windowMs) {
      allowance.windowStartedAt = at;
      allowance.droppedInWindow = 0;
    }
    allowance.droppedInWindow++;
    if (allowance.droppedInWindow >= limits.dropsBeforeClose) {
      this.logger.warn('closing a connection that floods its room', { roomId: room.roomId, sessionId: client.sessionId, dropped: allowance.droppedInWindow });
      allowance.droppedInWindow = -Infinity; // close once
      client.leave(CLOSE_FLOODING);
    } else if (at - allowance.warnedAt >= 1000) {
      allowance.warnedAt = at;
      refuse(client, 'message/rate-limited');
    }
    return false;
  }
}

/** The client's leave request, or its acknowledgement of the join while it is joining: each comes once. */
function isJoinOrLeaveStep(client: Client, buffer: Uint8Array): boolean {
  const code = buffer[0];
  return code === Protocol.LEAVE_ROOM || (code === Protocol.JOIN_ROOM && client.state === ClientState.JOINING);
}

/**
 * Puts `room`'s frames through a guard of its own, by wrapping its message entry point (Colyseus binds
 * `room._onMessage` to each client when it joins, so wrapping it in `onCreate` covers every message of every
 * client). For rooms that are few; a room type with a room per player overrides `_onMessage` with a shared guard.
 */
export function guardIncoming(room: Room, options: { limits?: MessageLimits; logger: Logger; now?: () => number }): void {
  const guard = new IncomingGuard(options);
  const target = room as unknown as { _onMessage(client: Client, buffer: Uint8Array): void };
  const decode = target._onMessage.bind(room);
  target._onMessage = (client, buffer) => guard.receive(room, client, buffer, decode);
}
