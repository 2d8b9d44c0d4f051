import { Client, type Room } from 'colyseus.js';
import {
  ClientMessage,
  PROTOCOL_VERSION,
  RoomName,
  ServerMessage,
  type BuildingId,
  type ClockMessage,
  type ShipCounts,
  type ShipId,
  type ErrorMessage,
  type WelcomeMessage,
} from '@starscape/shared';
import { ATTEMPTS_BEFORE_OFFLINE, reconnectDelay } from './backoff';
import { roughClock, sampleClock } from './clock';
import type { GameStoreApi, PendingCommand } from './gameStore';
import { classifyJoinError } from './joinErrors';
import type { RawTownState } from './roomState';
import { fetchGameToken, type GameTokenResponse } from './tokenApi';

const CLOCK_EVERY_MS = 30_000;

/** The target of the raid being launched, if the pending command is one. */
export function pendingRaidTarget(pending: PendingCommand): string | null {
  return pending?.kind === 'raid' ? pending.targetTownId : null;
}
/** A command with no answer after this long stops showing as pending. */
const PENDING_TIMEOUT_MS = 8_000;

export interface ConnectionOptions {
  /** visit this town instead of the player's own */
  townId?: string;
  fetchToken?: (signal: AbortSignal) => Promise<GameTokenResponse>;
  createClient?: (serverUrl: string) => Client;
}

/**
 * One player's link to their town room: joins, mirrors state into the store, answers the clock, and
 * comes back after a drop — first into the same room with `client.reconnect` (the server holds the
 * seat for a grace period), else with a fresh token and `joinOrCreate`, with backoff between tries.
 */
export class GameConnection {
  private client: Client | null = null;
  private serverUrl: string | null = null;
  private room: Room | null = null;
  private reconnectionToken: string | null = null;
  private stopped = false;
  /** has this session ever been live (then a failure is "reconnecting", before it is still "connecting") */
  private wasLive = false;
  private attempt = 0;
  private generation = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private clockTimer: ReturnType<typeof setInterval> | null = null;
  private pendingTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly abort = new AbortController();
  private readonly fetchToken: (signal: AbortSignal) => Promise<GameTokenResponse>;
  private readonly createClient: (serverUrl: string) => Client;

  constructor(
    private readonly store: GameStoreApi,
    private readonly options: ConnectionOptions = {},
  ) {
    this.fetchToken = options.fetchToken ?? fetchGameToken;
    this.createClient = options.createClient ?? ((url) => new Client(url));
  }

  start(): void {
    this.store.getState().actions.setStatus('connecting');
    void this.connect();
  }

  /** Leaves for good (the page is going away). */
  stop(): void {
    this.stopped = true;
    this.abort.abort();
    this.clearTimers();
    const room = this.room;
    this.room = null;
    if (room) void room.leave(true).catch(() => undefined);
  }

  /** Skips the wait before the next attempt (the "Retry now" button, or the browser coming online). */
  retryNow(): void {
    if (this.stopped || this.room) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.store.getState().actions.setStatus(this.wasLive ? 'reconnecting' : 'connecting');
    void this.connect();
  }

  startUpgrade(building: BuildingId): void {
    if (this.send(ClientMessage.StartUpgrade, { building })) this.markPending({ kind: 'upgrade', building });
  }

  cancelUpgrade(): void {
    if (this.send(ClientMessage.CancelUpgrade, {})) this.markPending({ kind: 'cancel' });
  }

  /** Orders `count` ships (1..MAX_SHIPS_PER_ORDER); paid up front, built one after another. */
  orderShips(ship: ShipId, count: number): void {
    if (this.send(ClientMessage.OrderShips, { ship, count })) this.markPending({ kind: 'order', ship });
  }

  /** Cancels shipyard order `orderId` (its stable id, not its position), refunding its unbuilt ships. */
  cancelShipOrder(orderId: number): void {
    if (this.send(ClientMessage.CancelShipOrder, { orderId })) this.markPending({ kind: 'cancelOrder', orderId });
  }

  /** Sends docked `ships` on mission `missionId` of the current board; the round trip's fuel is paid now. */
  dispatchFleet(missionId: string, ships: ShipCounts): void {
    if (this.send(ClientMessage.DispatchFleet, { missionId, ships })) this.markPending({ kind: 'dispatch', missionId });
  }

  /** Sends docked `ships` to raid the starbase `targetTownId`; the round trip's fuel is paid now. */
  raid(targetTownId: string, ships: ShipCounts): void {
    if (this.send(ClientMessage.RaidTown, { targetTownId, ships })) this.markPending({ kind: 'raid', targetTownId });
  }

  private send(type: string, payload: unknown): boolean {
    if (!this.room || this.store.getState().status !== 'live') {
      this.store.getState().actions.toast('Not connected: wait for the link to come back.', 'error');
      return false;
    }
    this.room.send(type, payload);
    return true;
  }

  private markPending(pending: NonNullable<ReturnType<GameStoreApi['getState']>['pending']>): void {
    const { actions } = this.store.getState();
    actions.setPending(pending);
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => {
      if (this.store.getState().pending === pending) actions.setPending(null);
    }, PENDING_TIMEOUT_MS);
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
      const failure = classifyJoinError(error);
      if (failure.fatal) {
        this.store.getState().actions.setStatus('offline', failure);
        return;
      }
      this.scheduleRetry(failure.message);
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
    return this.client.joinOrCreate(RoomName.Town, { townId: this.options.townId ?? grant.townId });
  }

  /** Wires a joined room to the store. Runs synchronously after the join resolves, before any message. */
  private attach(room: Room): void {
    const { actions } = this.store.getState();
    this.room = room;
    this.reconnectionToken = room.reconnectionToken;
    this.attempt = 0;
    this.wasLive = true;

    room.onStateChange((state) => actions.applyRoomState(toPlain(state)));
    room.onMessage(ServerMessage.Welcome, (message: WelcomeMessage) => {
      actions.welcomed(message.role);
      actions.clockEstimated(roughClock(message.serverTime, Date.now()));
      if (message.protocol !== PROTOCOL_VERSION) {
        actions.toast('The game was updated. Reload the page to get the new version.', 'error');
      }
    });
    room.onMessage(ServerMessage.Error, (message: ErrorMessage) => actions.serverError(message.code, message.message));
    room.onMessage(ServerMessage.Clock, (message: ClockMessage) => {
      actions.clockEstimated(sampleClock(message.clientTime, message.serverTime, Date.now()));
    });
    room.onError((code, message) => console.warn(`[game] room error ${code}: ${message ?? ''}`));
    room.onLeave((code) => this.onLeave(room, code));

    // The first full state may already be here.
    if (room.state) actions.applyRoomState(toPlain(room.state));
    actions.setStatus('live');
    this.sendClock();
    if (this.clockTimer) clearInterval(this.clockTimer);
    this.clockTimer = setInterval(() => this.sendClock(), CLOCK_EVERY_MS);
  }

  private onLeave(room: Room, code: number): void {
    if (this.room !== room) return;
    this.room = null;
    if (this.clockTimer) clearInterval(this.clockTimer);
    this.clockTimer = null;
    if (this.stopped) return;
    // Our own leave (stop) detaches the room first, so any close that gets here was not ours — including
    // code 4000, which the server also uses when it shuts down or disposes the room. Always come back.
    console.info(`[game] connection closed (${code}); reconnecting`);
    this.scheduleRetry('Connection lost.', true);
  }

  private scheduleRetry(message: string, immediately = false): void {
    this.attempt += 1;
    const delay = immediately && this.attempt === 1 ? 0 : reconnectDelay(this.attempt);
    const status = this.attempt > ATTEMPTS_BEFORE_OFFLINE ? 'offline' : this.wasLive ? 'reconnecting' : 'connecting';
    this.store.getState().actions.setStatus(status, { message, fatal: false, signedOut: false }, Date.now() + delay);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) void this.connect();
    }, delay);
  }

  private sendClock(): void {
    this.room?.send(ClientMessage.Clock, { clientTime: Date.now() });
  }

  private clearTimers(): void {
    for (const timer of [this.retryTimer, this.pendingTimer]) if (timer) clearTimeout(timer);
    if (this.clockTimer) clearInterval(this.clockTimer);
    this.retryTimer = this.pendingTimer = this.clockTimer = null;
  }
}

/** Schema state → plain JSON (`toJSON` exists on every @colyseus/schema instance). */
function toPlain(state: unknown): RawTownState {
  const withJson = state as { toJSON?: () => RawTownState } | null;
  return typeof withJson?.toJSON === 'function' ? withJson.toJSON() : ((state ?? {}) as RawTownState);
}
