import {
  ERROR_MESSAGES,
  GalaxyServerMessage,
  RoomName,
  type ErrorMessage,
  type GalaxyMutesMessage,
  type GalaxyWelcomeMessage,
} from '@starscape/shared';
import type { Room } from 'colyseus.js';
import { ATTEMPTS_BEFORE_OFFLINE, reconnectDelay } from '../../game/session/backoff';
import { classifyJoinError } from '../../game/session/joinErrors';
import { RoomLink, type RoomLinkOptions } from '../../game/session/roomLink';
import type { GalaxyStoreApi } from './galaxyStore';
import { plainState, toSectorView } from './galaxyState';

/** What a sector link reports to the galaxy connection that owns it. */
export interface SectorEvents {
  welcomed(sector: number, message: GalaxyWelcomeMessage): void;
  refused(sector: number, message: ErrorMessage): void;
}

/**
 * The link to one sector's `galaxy` room: joins with `{ sector }` and the game token, mirrors the state into the
 * store under its sector, passes the welcome and refusals to its owner, and comes back after a drop (through a
 * `RoomLink`: same seat first, else a fresh join) with backoff between tries.
 */
export class SectorConnection {
  private readonly link: RoomLink;
  private wasLive = false;

  constructor(
    readonly sector: number,
    private readonly store: GalaxyStoreApi,
    private readonly events: SectorEvents,
    options: RoomLinkOptions = {},
  ) {
    this.link = new RoomLink(
      {
        join: (client) => client.joinOrCreate(RoomName.Galaxy, { sector }),
        attached: (room) => this.attach(room),
        failed: (error) => this.failed(error),
        dropped: (code) => this.dropped(code),
      },
      options,
    );
  }

  start(): void {
    this.store.getState().actions.linkStatus(this.sector, 'connecting');
    this.link.start();
  }

  /** Leaves for good. */
  stop(): void {
    this.link.stop();
  }

  retryNow(): void {
    if (this.link.retryNow()) this.store.getState().actions.linkStatus(this.sector, this.wasLive ? 'reconnecting' : 'connecting');
  }

  /** Whether the room is joined and the link live. */
  get live(): boolean {
    return this.link.room !== null && this.store.getState().links[this.sector]?.status === 'live';
  }

  /** Sends a message; false (nothing sent) while not live. */
  send(type: string, payload: unknown): boolean {
    const room = this.link.room;
    if (!room || !this.live) return false;
    room.send(type, payload);
    return true;
  }

  private attach(room: Room): void {
    const { actions } = this.store.getState();
    this.wasLive = true;
    room.onStateChange((state) => this.mirror(state));
    room.onMessage(GalaxyServerMessage.Welcome, (message: GalaxyWelcomeMessage) => this.events.welcomed(this.sector, message));
    room.onMessage(GalaxyServerMessage.Mutes, (message: GalaxyMutesMessage) => {
      if (Array.isArray(message?.mutes)) actions.mutesChanged(message.mutes.filter((id): id is string => typeof id === 'string'));
    });
    room.onMessage(GalaxyServerMessage.Error, (message: ErrorMessage) => this.events.refused(this.sector, message));
    room.onMessage(GalaxyServerMessage.Clock, () => undefined);
    room.onError((code, message) => console.warn(`[galaxy] room error ${code}: ${message ?? ''}`));
    if (room.state) this.mirror(room.state);
    actions.linkStatus(this.sector, 'live');
  }

  private mirror(state: unknown): void {
    const view = toSectorView(plainState(state));
    if (view) this.store.getState().actions.snapshot(this.sector, view);
  }

  private failed(error: unknown): void {
    const failure = classifyJoinError(error);
    // no such sector: asking again will not make one
    if (failure.fatal || failure.message === ERROR_MESSAGES['galaxy/invalid-options']) {
      this.store.getState().actions.linkStatus(this.sector, 'offline', failure.message);
      return;
    }
    this.scheduleRetry(failure.message);
  }

  private dropped(code: number): void {
    console.info(`[galaxy] sector ${this.sector} connection closed (${code}); reconnecting`);
    this.scheduleRetry('Connection lost.', true);
  }

  private scheduleRetry(message: string, immediately = false): void {
    const attempt = this.link.countFailure();
    const delay = immediately && attempt === 1 ? 0 : reconnectDelay(attempt);
    const status = attempt > ATTEMPTS_BEFORE_OFFLINE ? 'offline' : this.wasLive ? 'reconnecting' : 'connecting';
    this.store.getState().actions.linkStatus(this.sector, status, message);
    this.link.retryIn(delay);
  }
}
