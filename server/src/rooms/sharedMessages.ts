import type { Client, Room } from '@colyseus/core';
import type { z } from 'zod';
import { echoedType, refuse } from './roomMessages';

interface Entry {
  validate?: (raw: unknown) => unknown;
  callback: (client: Client, message: unknown) => void;
}

/**
 * The message handlers of one room type in one table that all its rooms share. Colyseus keeps a table per
 * room, each handler a closure with a try/catch wrapper: for a town room about 5 KB of the 21 KB a room cost
 * when there was a town room per player (BENCHMARKS.md). A shared handler is told what it serves (a room, or a
 * town in a host room): the room's `_onMessage`, which Colyseus calls synchronously for each message of its
 * clients, says so with `serve`.
 *
 * Same contract as `onValidated` and `refuseUnknownTypes`: a payload is checked by its shared schema (the
 * validator never throws) and a bad one refused as `message/invalid`; every type not in the table (including
 * `*` and `__no_message_handler` sent as types) is refused as `message/unknown-type`; a handler that throws is
 * reported to `onError` and the room goes on.
 */
export class SharedMessages<R> {
  private readonly handlers: Record<string, Entry> = Object.create(null) as Record<string, Entry>;
  private current: R | undefined;

  constructor(private readonly onError: (room: R, error: Error, type: string) => void) {
    this.handlers['*'] = { callback: (client, type) => refuse(client, 'message/unknown-type', echoedType(type)) };
    this.handlers.__no_message_handler = { callback: (client) => refuse(client, 'message/unknown-type', '__no_message_handler') };
  }

  /** Handles `type`, its payload checked by `schema`. */
  on<T>(type: string, schema: z.ZodType<T>, handle: (room: R, client: Client, payload: T) => void): this {
    this.handlers[type] = {
      validate: (raw) => schema.safeParse(raw),
      callback: (client, parsed) => {
        const room = this.current;
        if (!room) return; // only reachable through a room that installed the table
        const result = parsed as z.ZodSafeParseResult<T>;
        if (!result.success) return refuse(client, 'message/invalid', type);
        try {
          handle(room, client, result.data);
        } catch (error) {
          this.onError(room, error instanceof Error ? error : new Error(String(error)), type);
        }
      },
    };
    return this;
  }

  /** Makes `room` look its messages up in this table. Call it in `onCreate`; the room's `_onMessage` serves them (`serve`). */
  install(room: Room): void {
    (room as unknown as { onMessageHandlers: Record<string, Entry> }).onMessageHandlers = this.handlers;
  }

  /**
   * Makes the table's handlers act for `room` until the next call; returns the room they acted for before. The
   * room's `_onMessage` calls it around Colyseus's own (which decodes the frame and calls the handler at once):
   *
   *     const previous = table.serve(this);
   *     try { super._onMessage(client, buffer); } finally { table.serve(previous); }
   */
  serve(room: R | undefined): R | undefined {
    const previous = this.current;
    this.current = room;
    return previous;
  }
}
