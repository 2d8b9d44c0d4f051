import { Client, type Room } from 'colyseus.js';
import { parseErrorCode } from '@starscape/shared';
import { forgetReflectedTypes } from './reflectedTypes';
import { fetchGameToken, type GameTokenResponse } from './tokenApi';

/** How many times a join refused with `server/room-elsewhere` is tried, quietly, before it counts as failed. */
const ROOM_ELSEWHERE_ATTEMPTS = 5;

const isRoomElsewhere = (error: unknown) => error instanceof Error && parseErrorCode(error.message) === 'server/room-elsewhere';

/** How a link gets its game token and its colyseus client; tests pass fakes. */
export interface RoomLinkOptions {
  fetchToken?: (signal: AbortSignal) => Promise<GameTokenResponse>;
  createClient?: (serverUrl: string) => Client;
}

/** What the connection that owns a link decides for itself. */
export interface RoomLinkHooks {
  /** Takes a fresh seat (`joinOrCreate`, `joinById` …) with a client that already carries the token. */
  join(client: Client, grant: GameTokenResponse): Promise<Room>;
  /** Wires a joined room; runs synchronously after the join resolves, before any message. */
  attached(room: Room): void;
  /** A join failed: say so, and retry with `retryIn` if it may help. Not called once stopped or superseded. */
  failed(error: unknown): void;
  /** The live room closed without our asking (not after `stop`). */
  dropped(code: number): void;
}

/**
 * The lifecycle shared by the connections to a colyseus room: gets a token, joins, and after a drop or a
 * failure tries again — first into the same seat with `client.reconnect` (the server holds it for a grace
 * period), else with a fresh token and join. Only the newest attempt counts: one overtaken by a later attempt,
 * or finishing after `stop`, is dropped (its room left). What to show and how long to wait is the owner's.
 */
export class RoomLink {
  private client: Client | null = null;
  private serverUrl: string | null = null;
  private current: Room | null = null;
  private reconnectionToken: string | null = null;
  private stopped = false;
  private failures = 0;
  private generation = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly abort = new AbortController();
  private readonly fetchToken: (signal: AbortSignal) => Promise<GameTokenResponse>;
  private readonly createClient: (serverUrl: string) => Client;

  constructor(
    private readonly hooks: RoomLinkHooks,
    options: RoomLinkOptions = {},
  ) {
    this.fetchToken = options.fetchToken ?? fetchGameToken;
    this.createClient = options.createClient ?? ((url) => new Client(url));
  }

  /** The joined room, or null while (re)connecting and after `stop`. */
  get room(): Room | null {
    return this.current;
  }

  start(): void {
    void this.connect();
  }

  /** Leaves for good. */
  stop(): void {
    this.stopped = true;
    this.abort.abort();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const room = this.current;
    this.current = null;
    if (room) void room.leave(true).catch(() => undefined);
  }

  /** Skips the wait before the next attempt; false (and nothing done) when stopped or live. */
  retryNow(): boolean {
    if (this.stopped || this.current) return false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.connect();
    return true;
  }

  /** Counts one more failed attempt and returns how many there have been in a row (a join resets it). */
  countFailure(): number {
    return (this.failures += 1);
  }

  /** Tries again after `delayMs`, replacing any wait already scheduled. */
  retryIn(delayMs: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) void this.connect();
    }, delayMs);
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    let room: Room | null = null;
    try {
      if (this.reconnectionToken && this.client) {
        const token = this.reconnectionToken;
        this.reconnectionToken = null;
        room = await this.client.reconnect(token).catch(() => null);
      }
      if (!room) room = await this.join();
    } catch (error) {
      if (this.stopped || generation !== this.generation) return;
      this.hooks.failed(error);
      return;
    }
    if (this.stopped || generation !== this.generation) {
      void room.leave(true).catch(() => undefined);
      return;
    }
    this.attach(room);
  }

  private async join(): Promise<Room> {
    const grant = await this.fetchToken(this.abort.signal);
    if (!this.client || this.serverUrl !== grant.serverUrl) {
      this.client = this.createClient(grant.serverUrl);
      this.serverUrl = grant.serverUrl;
    }
    this.client.auth.token = grant.token;
    // Another game server may be opening or closing this very room (two tabs joining through two servers at
    // once, a server stopping): joining again a moment later finds the one room. Not the player's problem.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.hooks.join(this.client, grant);
      } catch (error) {
        if (attempt >= ROOM_ELSEWHERE_ATTEMPTS || !isRoomElsewhere(error) || this.stopped) throw error;
        await new Promise((resolve) => setTimeout(resolve, 150 * attempt));
      }
    }
  }

  private attach(room: Room): void {
    forgetReflectedTypes(room); // each join and reconnection would otherwise keep its state classes for good
    this.current = room;
    this.reconnectionToken = room.reconnectionToken;
    this.failures = 0;
    room.onLeave((code) => this.onLeave(room, code));
    this.hooks.attached(room);
  }

  private onLeave(room: Room, code: number): void {
    if (this.current !== room) return;
    this.current = null;
    // Our own leave (stop) detaches the room first, so a close that gets here was not ours.
    if (!this.stopped) this.hooks.dropped(code);
  }
}
