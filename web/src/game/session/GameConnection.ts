import type { Room } from 'colyseus.js';
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
import { RoomLink, type RoomLinkOptions } from './roomLink';
import type { RawTownState } from './roomState';

const CLOCK_EVERY_MS = 30_000;

/** The target of the raid being launched, if the pending command is one. */
export function pendingRaidTarget(pending: PendingCommand): string | null {
  return pending?.kind === 'raid' ? pending.targetTownId : null;
}
/** A command with no answer after this long stops showing as pending. */
const PENDING_TIMEOUT_MS = 8_000;

export interface ConnectionOptions extends RoomLinkOptions {
  /** visit this town instead of the player's own */
  townId?: string;
}

/**
 * One player's link to their town room: joins, mirrors state into the store, answers the clock, and
 * comes back after a drop (through a `RoomLink`: same seat first, else a fresh join), with backoff between tries.
 */
export class GameConnection {
  private readonly link: RoomLink;
  /** has this session ever been live (then a failure is "reconnecting", before it is still "connecting") */
  private wasLive = false;
  private clockTimer: ReturnType<typeof setInterval> | null = null;
  private pendingTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly store: GameStoreApi,
    options: ConnectionOptions = {},
  ) {
    this.link = new RoomLink(
      {
        join: (client, grant) => client.joinOrCreate(RoomName.Town, { townId: options.townId ?? grant.townId }),
        attached: (room) => this.attach(room),
        failed: (error) => this.failed(error),
        dropped: (code) => this.dropped(code),
      },
      options,
    );
  }

  start(): void {
    this.store.getState().actions.setStatus('connecting');
    this.link.start();
  }

  /** Leaves for good (the page is going away). */
  stop(): void {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    if (this.clockTimer) clearInterval(this.clockTimer);
    this.pendingTimer = this.clockTimer = null;
    this.link.stop();
  }

  /** Skips the wait before the next attempt (the "Retry now" button, or the browser coming online). */
  retryNow(): void {
    if (this.link.retryNow()) this.store.getState().actions.setStatus(this.wasLive ? 'reconnecting' : 'connecting');
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
    const room = this.link.room;
    if (!room || this.store.getState().status !== 'live') {
      this.store.getState().actions.toast('Not connected: wait for the link to come back.', 'error');
      return false;
    }
    room.send(type, payload);
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

  private failed(error: unknown): void {
    const failure = classifyJoinError(error);
    if (failure.fatal) {
      this.store.getState().actions.setStatus('offline', failure);
      return;
    }
    this.scheduleRetry(failure.message);
  }

  /** Wires a joined room to the store. Runs synchronously after the join resolves, before any message. */
  private attach(room: Room): void {
    const { actions } = this.store.getState();
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

    // The first full state may already be here.
    if (room.state) actions.applyRoomState(toPlain(room.state));
    actions.setStatus('live');
    this.sendClock();
    if (this.clockTimer) clearInterval(this.clockTimer);
    this.clockTimer = setInterval(() => this.sendClock(), CLOCK_EVERY_MS);
  }

  private dropped(code: number): void {
    if (this.clockTimer) clearInterval(this.clockTimer);
    this.clockTimer = null;
    // Any close that gets here was not ours (stop detaches the room first) — including code 4000,
    // which the server also uses when it shuts down or disposes the room. Always come back.
    console.info(`[game] connection closed (${code}); reconnecting`);
    this.scheduleRetry('Connection lost.', true);
  }

  private scheduleRetry(message: string, immediately = false): void {
    const attempt = this.link.countFailure();
    const delay = immediately && attempt === 1 ? 0 : reconnectDelay(attempt);
    const status = attempt > ATTEMPTS_BEFORE_OFFLINE ? 'offline' : this.wasLive ? 'reconnecting' : 'connecting';
    this.store.getState().actions.setStatus(status, { message, fatal: false, signedOut: false }, Date.now() + delay);
    this.link.retryIn(delay);
  }

  private sendClock(): void {
    this.link.room?.send(ClientMessage.Clock, { clientTime: Date.now() });
  }
}

/** Schema state → plain JSON (`toJSON` exists on every @colyseus/schema instance). */
function toPlain(state: unknown): RawTownState {
  const withJson = state as { toJSON?: () => RawTownState } | null;
  return typeof withJson?.toJSON === 'function' ? withJson.toJSON() : ((state ?? {}) as RawTownState);
}
