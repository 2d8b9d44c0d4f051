import {
  CombatClientMessage,
  CombatServerMessage,
  ERROR_MESSAGES,
  parseErrorCode,
  type BattleView,
  type CombatCommand,
  type CombatWelcomeMessage,
  type ErrorCode,
  type ErrorMessage,
  type LiveBattleState,
} from '@starscape/shared';
import { Client, type Room } from 'colyseus.js';
import { reconnectDelay } from '../game/session/backoff';
import { fetchGameToken, GameTokenError, type GameTokenResponse } from '../game/session/tokenApi';
import type { LiveStoreApi } from './liveBattleStore';
import { liveNames, liveOrders, toLiveView } from './liveView';
import { SnapshotStream } from './snapshotStream';

/** colyseus' matchmaking code for "no room with that id" (not found, disposed, or locked). */
const INVALID_ROOM_ID = 4212;
/** An order with no answer after this long stops showing as pending. */
const PENDING_TIMEOUT_MS = 6_000;
/** While the room is gone, look again this often (the server may resume the battle after a restart). */
const GONE_RETRY_MS = 5_000;

/** What to do after a failed join. */
export type LiveJoinFailure =
  /** the room does not exist (the battle is over, or not fought here): show the report */
  | { kind: 'gone' }
  /** retrying cannot help (signed out, account gone) */
  | { kind: 'fatal'; message: string; signedOut: boolean }
  | { kind: 'retry'; message: string };

export function classifyLiveJoinError(error: unknown): LiveJoinFailure {
  if (error instanceof GameTokenError) return error.signedOut ? { kind: 'fatal', message: error.message, signedOut: true } : { kind: 'retry', message: error.message };
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  if (code === INVALID_ROOM_ID) return { kind: 'gone' };
  const message = typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' ? error.message : '';
  const shared = message ? parseErrorCode(message) : null;
  if (shared === 'combat/not-found' || shared === 'combat/over') return { kind: 'gone' };
  if (shared === 'auth/unknown-user') return { kind: 'fatal', message: ERROR_MESSAGES[shared], signedOut: false };
  if (shared) return { kind: 'retry', message: ERROR_MESSAGES[shared] };
  return { kind: 'retry', message: 'Cannot reach the game server.' };
}

export interface LiveConnectionOptions {
  fetchToken?: (signal: AbortSignal) => Promise<GameTokenResponse>;
  createClient?: (serverUrl: string) => Client;
  /** the time base of the canvas frames (performance.now) */
  now?: () => number;
}

/**
 * A viewer's link to one battle's `combat` room (its id is the battle id): joins with a game token, mirrors each
 * patch into a `BattleView` for the canvas (`stream`) and the HUD (the store), sends the commander's orders, and
 * comes back after a drop — into the same seat with `client.reconnect`, else with a fresh join. When the room
 * is gone (the battle is over) it says so; the page then shows the report.
 */
export class LiveBattleConnection {
  /** what the canvas draws: `stream.frame` is a `FrameSource` */
  readonly stream = new SnapshotStream();
  private client: Client | null = null;
  private serverUrl: string | null = null;
  private room: Room | null = null;
  private reconnectionToken: string | null = null;
  private lastView: BattleView | null = null;
  private stopped = false;
  private attempt = 0;
  private generation = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly abort = new AbortController();
  private readonly fetchToken: (signal: AbortSignal) => Promise<GameTokenResponse>;
  private readonly createClient: (serverUrl: string) => Client;
  private readonly now: () => number;

  constructor(
    private readonly battleId: string,
    private readonly store: LiveStoreApi,
    options: LiveConnectionOptions = {},
  ) {
    this.fetchToken = options.fetchToken ?? fetchGameToken;
    this.createClient = options.createClient ?? ((url) => new Client(url));
    this.now = options.now ?? (() => performance.now());
  }

  start(): void {
    this.store.getState().actions.setStatus('connecting');
    void this.connect();
  }

  /** Leaves for good (the view is going away). */
  stop(): void {
    this.stopped = true;
    this.abort.abort();
    this.clearTimers();
    const room = this.room;
    this.room = null;
    if (room) void room.leave(true).catch(() => undefined);
  }

  /** Skips the wait before the next attempt (the browser came back online, or the player asked). */
  retryNow(): void {
    if (this.stopped || this.room) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.connect();
  }

  /**
   * Sends the commander's order. Checked here first against what the viewer sees, so an order that cannot
   * work is explained at once; the room checks it again (the battle may have moved on).
   */
  order(command: CombatCommand): void {
    const { role, hud, status, actions } = this.store.getState();
    const refuse = (code: ErrorCode) => actions.refused(ERROR_MESSAGES[code]);
    if (role === 'spectator') return refuse('combat/not-a-combatant');
    if (!this.room || status !== 'live' || !role || !hud) return actions.refused('Not connected: wait for the link to come back.');
    if (hud.winner !== null) return refuse('combat/over');
    if (command.kind === 'focus') {
      const target = this.lastView?.ships[command.targetId];
      if (!target) return refuse('combat/unknown-target');
      if (target.side === role) return refuse('combat/own-target');
      if (target.status !== 'active') return refuse('combat/target-gone');
    }
    this.room.send(CombatClientMessage.Order, command);
    actions.ordered(command.kind);
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => {
      if (this.store.getState().pending === command.kind) actions.settle();
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
      this.failed(classifyLiveJoinError(error));
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
    return this.client.joinById(this.battleId);
  }

  private failed(failure: LiveJoinFailure): void {
    const { actions } = this.store.getState();
    if (failure.kind === 'fatal') {
      actions.setStatus('offline', { message: failure.message, signedOut: failure.signedOut });
      return;
    }
    this.attempt += 1;
    if (failure.kind === 'gone') {
      actions.setStatus('over');
      this.schedule(Math.max(GONE_RETRY_MS, reconnectDelay(this.attempt)));
      return;
    }
    actions.setStatus(this.lastView ? 'reconnecting' : 'connecting', { message: failure.message, signedOut: false });
    this.schedule(reconnectDelay(this.attempt));
  }

  private schedule(delay: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) void this.connect();
    }, delay);
  }

  /** Wires a joined room to the store and the stream. Runs synchronously after the join resolves. */
  private attach(room: Room): void {
    const { actions } = this.store.getState();
    this.room = room;
    this.reconnectionToken = room.reconnectionToken;
    this.attempt = 0;
    // after a reconnect the stream glides on if only a moment passed, or shows the battle as it is after a jump

    room.onStateChange((state) => this.mirror(state as LiveBattleState));
    room.onMessage(CombatServerMessage.Welcome, (message: CombatWelcomeMessage) => actions.welcomed(message.role));
    room.onMessage(CombatServerMessage.Error, (message: ErrorMessage) => {
      actions.refused((message.code && ERROR_MESSAGES[message.code]) || message.message || 'The battle refused that.');
    });
    room.onMessage(CombatServerMessage.Clock, () => undefined);
    room.onError((code, message) => console.warn(`[battle] room error ${code}: ${message ?? ''}`));
    room.onLeave((code) => this.onLeave(room, code));

    if (room.state) this.mirror(room.state as LiveBattleState);
    actions.setStatus('live');
  }

  private mirror(state: LiveBattleState): void {
    if (!state?.ships || !state.orders || !state.attacker || !state.defender) return;
    const view = toLiveView(state, this.lastView);
    if (!view) return;
    this.lastView = view;
    this.stream.push(view, this.now());
    this.store.getState().actions.snapshot(view, liveOrders(state), liveNames(state));
  }

  private onLeave(room: Room, code: number): void {
    if (this.room !== room) return;
    this.room = null;
    if (this.stopped) return;
    if (this.store.getState().hud?.winner) {
      // the battle is decided and its room closes: the report is on its way
      this.store.getState().actions.setStatus('over');
      return;
    }
    console.info(`[battle] connection closed (${code}); reconnecting`);
    this.store.getState().actions.setStatus('reconnecting', { message: 'Connection lost.', signedOut: false });
    this.attempt = 0;
    this.schedule(0);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.retryTimer = this.pendingTimer = null;
  }
}
