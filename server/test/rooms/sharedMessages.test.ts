import type { Client, Room } from '@colyseus/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SharedMessages } from '../../src/rooms/sharedMessages';

/**
 * The shared handler table on its own: rooms stand in as objects with the member the table sets
 * (`onMessageHandlers`) and an `_onMessage` made as the town room's is: `serve` around Colyseus 0.16's own, which
 * looks the handler up after decoding (done here by `lookUp`). The town room's use of it runs through the room and
 * fault suites.
 */
interface FakeRoom {
  name: string;
  onMessageHandlers: Record<string, { validate?: (raw: unknown) => unknown; callback: (client: Client, message: unknown) => void }>;
  _onMessage(client: Client, frame: { type: string; payload: unknown }): void;
}

function fakeRoom(name: string, table: SharedMessages<Room>): FakeRoom {
  const lookUp = (client: Client, { type, payload }: { type: string; payload: unknown }) => {
    const handler = room.onMessageHandlers[type];
    if (handler) handler.callback(client, handler.validate ? handler.validate(payload) : payload);
    else (room.onMessageHandlers['*'] ?? room.onMessageHandlers.__no_message_handler)!.callback(client, type);
  };
  const room: FakeRoom = {
    name,
    onMessageHandlers: {},
    _onMessage(client, frame) {
      const previous = table.serve(room as unknown as Room);
      try {
        lookUp(client, frame);
      } finally {
        table.serve(previous);
      }
    },
  };
  table.install(room as unknown as Room);
  return room;
}

function fakeClient() {
  const sent: Array<[string, unknown]> = [];
  return { sent, client: { send: (type: string, message: unknown) => sent.push([type, message]) } as unknown as Client };
}

describe('SharedMessages', () => {
  it('hands each message to the room it came through, validated, and refuses bad payloads and unknown types', () => {
    const served: string[] = [];
    const errors: string[] = [];
    const table = new SharedMessages<Room>((room, error) => errors.push(`${(room as unknown as FakeRoom).name}: ${error.message}`)).on(
      'order',
      z.object({ count: z.number().int() }),
      (room, _client, { count }) => {
        if (count < 0) throw new Error('negative');
        served.push(`${(room as unknown as FakeRoom).name} ${count}`);
      },
    );
    const [a, b] = [fakeRoom('a', table), fakeRoom('b', table)];
    expect(a.onMessageHandlers).toBe(b.onMessageHandlers); // one table

    const { client, sent } = fakeClient();
    a._onMessage(client, { type: 'order', payload: { count: 1 } });
    b._onMessage(client, { type: 'order', payload: { count: 2 } });
    a._onMessage(client, { type: 'order', payload: { count: 'x' } });
    b._onMessage(client, { type: 'nope', payload: {} });
    b._onMessage(client, { type: '*', payload: {} });
    a._onMessage(client, { type: '__no_message_handler', payload: {} });
    b._onMessage(client, { type: 'order', payload: { count: -1 } });

    expect(served).toEqual(['a 1', 'b 2']);
    expect(sent.map(([, message]) => (message as { code: string; request?: string }).code)).toEqual(['message/invalid', 'message/unknown-type', 'message/unknown-type', 'message/unknown-type']);
    // a message typed `*` reaches the wildcard as its own handler, with its payload where the type would be
    expect(sent.map(([, message]) => (message as { request?: string }).request)).toEqual(['order', 'nope', undefined, '__no_message_handler']);
    // a handler that throws is reported against its room, and the next message is served
    expect(errors).toEqual(['b: negative']);
    a._onMessage(client, { type: 'order', payload: { count: 3 } });
    expect(served).toEqual(['a 1', 'b 2', 'a 3']);
  });

  it('serves nothing outside a room\'s `_onMessage`', () => {
    const served: string[] = [];
    const table = new SharedMessages<Room>(() => {}).on('order', z.object({}), () => served.push('order'));
    const room = fakeRoom('a', table);
    const { client } = fakeClient();
    room.onMessageHandlers.order!.callback(client, { success: true, data: {} }); // the handler called with no room served
    expect(served).toEqual([]);
    room._onMessage(client, { type: 'order', payload: {} });
    expect(served).toEqual(['order']);
  });
});
