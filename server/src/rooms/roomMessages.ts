import type { Client, Room } from '@colyseus/core';
import { ERROR_MESSAGES, ServerMessage, type ClockMessage, type ErrorCode, type ErrorMessage } from '@starscape/shared';
import type { z } from 'zod';

/**
 * What every room does at its edge, the same way: validate a message's payload with its shared schema, refuse
 * with a typed error, answer the clock, and refuse message types it does not know. The `error` and `clock`
 * messages are named alike in every room's protocol.
 */

/** Tells `client` why its request was refused; nothing changed. */
export function refuse(client: Client, code: ErrorCode, request?: string): void {
  const message: ErrorMessage = { code, message: ERROR_MESSAGES[code], ...(request ? { request } : {}) };
  client.send(ServerMessage.Error, message);
}

/**
 * Handles `type` with a payload checked by `schema`; a malformed one is refused as `message/invalid`. The
 * validator never throws: Colyseus 0.16 drops the connection when a validator throws.
 */
export function onValidated<T, C extends Client = Client>(room: Room, type: string, schema: z.ZodType<T>, handle: (client: C, payload: T) => void): void {
  room.onMessage(
    type,
    (client: Client, parsed: z.ZodSafeParseResult<T>) => {
      if (!parsed.success) return refuse(client, 'message/invalid', type);
      handle(client as C, parsed.data);
    },
    (raw: unknown) => schema.safeParse(raw),
  );
}

/** Answers `clock` requests (validated by `schema`) with the server time from `now`. */
export function onClock(room: Room, schema: z.ZodType<{ clientTime: number }>, now: () => number): void {
  onValidated(room, ServerMessage.Clock, schema, (client, { clientTime }) => answerClock(client, clientTime, now()));
}

/** The answer to one `clock` request. */
export function answerClock(client: Client, clientTime: number, serverTime: number): void {
  const answer: ClockMessage = { clientTime, serverTime };
  client.send(ServerMessage.Clock, answer);
}

/** A message type as it may be echoed back: strings cut to 64 characters, numbers as text, anything else not at all. */
export const echoedType = (type: unknown): string | undefined =>
  typeof type === 'string' ? type.slice(0, 64) : typeof type === 'number' ? String(type) : undefined;

/**
 * Refuses every message type the room registered no handler for. Register it last. A message whose type is
 * literally `*` reaches the wildcard as a handler of its own (its payload where the type should be), and one
 * typed `__no_message_handler` would reach Colyseus's fallback, which closes the connection: both are
 * answered like any other unknown type.
 */
export function refuseUnknownTypes(room: Room): void {
  room.onMessage('*', (client, type) => refuse(client, 'message/unknown-type', echoedType(type)));
  room.onMessage('__no_message_handler', (client) => refuse(client, 'message/unknown-type', '__no_message_handler'));
}
