import type { Client, Room } from 'colyseus.js';
import { vi } from 'vitest';
import type { RoomLinkOptions } from '../roomLink';
import type { GameTokenResponse } from '../tokenApi';

/** A stand-in for a colyseus.js Room: records handlers so a test can play the server. */
export class FakeRoom<State> {
  sent: [string, unknown][] = [];
  left = false;
  private handlers = new Map<string, (message: never) => void>();
  private stateHandler: ((state: State) => void) | null = null;
  private leaveHandler: ((code: number) => void) | null = null;

  constructor(
    public state: State,
    public reconnectionToken: string,
  ) {}

  onStateChange(handler: (state: State) => void) {
    this.stateHandler = handler;
  }
  onError() {}
  onMessage(type: string, handler: (message: never) => void) {
    this.handlers.set(type, handler);
  }
  onLeave(handler: (code: number) => void) {
    this.leaveHandler = handler;
  }
  send(type: string, message: unknown) {
    this.sent.push([type, message]);
  }
  async leave() {
    this.left = true;
    return 4000;
  }
  serverSends(type: string, message: unknown) {
    this.handlers.get(type)?.(message as never);
  }
  /** The server changes part of the state and sends the patch. */
  patch(change: Partial<State>) {
    this.state = { ...this.state, ...change };
    this.stateHandler?.(this.state);
  }
  /** The connection closes without the client asking (1006: abnormal closure). */
  drop(code = 1006) {
    this.leaveHandler?.(code);
  }
}

/**
 * A fake game server for a room connection: a token endpoint granting `townId`, and a client whose joins
 * (`joinOrCreate`, `joinById`) each open a new `FakeRoom` with `state()`, and whose seat reconnects fail.
 * Pass `options` to the connection; `rooms` lists the rooms opened, oldest first.
 */
export function fakeColyseus<State>(setup: { state: () => State; reconnectionToken: string; townId: string }) {
  const rooms: FakeRoom<State>[] = [];
  const openRoom = async (): Promise<Room> => {
    const room = new FakeRoom(setup.state(), setup.reconnectionToken);
    rooms.push(room);
    return room as unknown as Room;
  };
  const client = {
    auth: { token: '' },
    joinOrCreate: vi.fn(openRoom),
    joinById: vi.fn(openRoom),
    reconnect: vi.fn(async (): Promise<Room> => {
      throw new Error('seat expired');
    }),
  };
  const grant: GameTokenResponse = { token: 'jwt', expiresAt: 0, townId: setup.townId, serverUrl: 'ws://game' };
  const fetchToken = vi.fn(async () => grant);
  const options: Required<RoomLinkOptions> = { fetchToken, createClient: () => client as unknown as Client };
  return { rooms, client, fetchToken, options };
}
