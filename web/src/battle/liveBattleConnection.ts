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
import type { Room } from 'colyseus.js';
import { reconnectDelay } from '../game/session/backoff';
import { RoomLink, type RoomLinkOptions } from '../game/session/roomLink';
import { GameTokenError } from '../game/session/tokenApi';
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

export interface LiveConnectionOptions extends RoomLinkOptions {
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
  private readonly link: RoomLink;
  private lastView: BattleView | null = null;
  private pendingTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly now: () => number;

  constructor(
    battleId: string,
    private readonly store: LiveStoreApi,
    options: LiveConnectionOptions = {},
  ) {
    this.link = new RoomLink(
      {
        join: (client) => client.joinById(battleId),
        attached: (room) => this.attach(room),
        failed: (error) => this.failed(classifyLiveJoinError(error)),
        dropped: (code) => this.dropped(code),
      },
      options,
    );
    this.now = options.now ?? (() => performance.now());
  }

  start(): void {
    this.store.getState().actions.setStatus('connecting');
    this.link.start();
  }

  /** Leaves for good (the view is going away). */
  stop(): void {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    this.link.stop();
  }

  /** Skips the wait before the next attempt (the browser came back online, or the player asked). */
  retryNow(): void {
    this.link.retryNow();
  }

  /**
   * Sends the commander's order. Checked here first against what the viewer sees, so an order that cannot
   * work is explained at once; the room checks it again (the battle may have moved on).
   */
  order(command: CombatCommand): void {
    const { role, hud, status, actions } = this.store.getState();
    const room = this.link.room;
    const refuse = (code: ErrorCode) => actions.refused(ERROR_MESSAGES[code]);
    if (role === 'spectator') return refuse('combat/not-a-combatant');
    if (!room || status !== 'live' || !role || !hud) return actions.refused('Not connected: wait for the link to come back.');
    if (hud.winner !== null) return refuse('combat/over');
    if (command.kind === 'focus') {
      const target = this.lastView?.ships[command.targetId];
      if (!target) return refuse('combat/unknown-target');
      if (target.side === role) return refuse('combat/own-target');
      if (target.status !== 'active') return refuse('combat/target-gone');
    }
    room.send(CombatClientMessage.Order, command);
    actions.ordered(command.kind);
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => {
      if (this.store.getState().pending === command.kind) actions.settle();
    }, PENDING_TIMEOUT_MS);
  }

  private failed(failure: LiveJoinFailure): void {
    const { actions } = this.store.getState();
    if (failure.kind === 'fatal') {
      actions.setStatus('offline', { message: failure.message, signedOut: failure.signedOut });
      return;
    }
    const attempt = this.link.countFailure();
    if (failure.kind === 'gone') {
      actions.setStatus('over');
      this.link.retryIn(Math.max(GONE_RETRY_MS, reconnectDelay(attempt)));
      return;
    }
    actions.setStatus(this.lastView ? 'reconnecting' : 'connecting', { message: failure.message, signedOut: false });
    this.link.retryIn(reconnectDelay(attempt));
  }

  /** Wires a joined room to the store and the stream. Runs synchronously after the join resolves. */
  private attach(room: Room): void {
    const { actions } = this.store.getState();
    // after a reconnect the stream glides on if only a moment passed, or shows the battle as it is after a jump

    room.onStateChange((state) => this.mirror(state as LiveBattleState));
    room.onMessage(CombatServerMessage.Welcome, (message: CombatWelcomeMessage) => actions.welcomed(message.role));
    room.onMessage(CombatServerMessage.Error, (message: ErrorMessage) => {
      actions.refused((message.code && ERROR_MESSAGES[message.code]) || message.message || 'The battle refused that.');
    });
    room.onMessage(CombatServerMessage.Clock, () => undefined);
    room.onError((code, message) => console.warn(`[battle] room error ${code}: ${message ?? ''}`));

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

  private dropped(code: number): void {
    if (this.store.getState().hud?.winner) {
      // the battle is decided and its room closes: the report is on its way
      this.store.getState().actions.setStatus('over');
      return;
    }
    console.info(`[battle] connection closed (${code}); reconnecting`);
    this.store.getState().actions.setStatus('reconnecting', { message: 'Connection lost.', signedOut: false });
    this.link.retryIn(0); // the failure count is back at 0 since the join, so backoff starts afresh
  }
}
