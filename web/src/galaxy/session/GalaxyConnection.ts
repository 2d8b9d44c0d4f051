import { ERROR_MESSAGES, GalaxyClientMessage, isSector, type ChatChannel, type ErrorMessage, type GalaxyWelcomeMessage } from '@starscape/shared';
import type { RoomLinkOptions } from '../../game/session/roomLink';
import { chatDraft } from '../chat/chatDraft';
import type { GalaxyStoreApi } from './galaxyStore';
import { SectorConnection } from './SectorConnection';
import { sharedTokens } from './sharedToken';

/** Where the page last found the player's own sector: a hint for the first join, so it is usually the right room. */
export interface HomeHint {
  read(): number | null;
  write(sector: number): void;
}

const HINT_KEY = 'starscape:galaxy-home-sector';

/** The hint in localStorage (nothing, quietly, where storage is unavailable). */
export const storedHomeHint: HomeHint = {
  read() {
    try {
      const value = Number(window.localStorage.getItem(HINT_KEY));
      return isSector(value) ? value : null;
    } catch {
      return null;
    }
  },
  write(sector) {
    try {
      window.localStorage.setItem(HINT_KEY, String(sector));
    } catch {
      // private mode or storage full: the hint only saves a join
    }
  },
};

export interface GalaxyConnectionOptions extends RoomLinkOptions {
  homeHint?: HomeHint;
}

/** What the galaxy map wants to look at: a sector, the player's own (`'home'`), or nothing (the tab is closed). */
export type SectorTarget = number | 'home' | null;

const NOT_CONNECTED = 'Not connected to the chat: wait for the link to come back.';

/**
 * The page's links to the galaxy: one to the player's own sector, whose room carries the chat, and one to the
 * sector the map shows when that is another. Viewing the own sector reuses the chat's link; switching sector
 * leaves the old room and joins the new one. The own sector is learned from the first welcome (the first join goes
 * to where it was last time, else sector 1); when that was not it, the link moves there.
 */
export class GalaxyConnection {
  private readonly links = new Map<number, SectorConnection>();
  private readonly options: RoomLinkOptions;
  private readonly hint: HomeHint | null;
  private target: SectorTarget = null;
  /** the sector joined first, while the own one is not known */
  private probe: number | null = null;
  private running = false;
  /** the text of the chat message last sent, given back to the input if the server refuses it */
  private lastSent: string | null = null;

  constructor(
    private readonly store: GalaxyStoreApi,
    options: GalaxyConnectionOptions = {},
  ) {
    const { homeHint, ...link } = options;
    this.hint = homeHint ?? (typeof window === 'undefined' ? null : storedHomeHint);
    this.options = { ...link, fetchToken: sharedTokens(link.fetchToken) };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.probe = typeof this.target === 'number' ? this.target : (this.hint?.read() ?? 1);
    this.store.getState().actions.setChatSector(this.chatSector());
    this.reconcile();
  }

  /** Leaves every room for good. */
  stop(): void {
    this.running = false;
    for (const link of this.links.values()) link.stop();
    this.links.clear();
  }

  retryNow(): void {
    for (const link of this.links.values()) link.retryNow();
  }

  /** Points the map at `target`: joins that sector's room (leaving the one shown before) unless the chat's link is it. */
  view(target: SectorTarget): void {
    if (target === this.target) return;
    this.target = target;
    if (this.running) this.reconcile();
  }

  /** The sector the map shows now: null while it waits to learn the own sector, or with the tab closed. */
  viewedSector(): number | null {
    if (this.target === 'home') return this.homeSector();
    return this.target;
  }

  /**
   * Sends a chat message to `channel`, checked first with the server's own rule so a message that cannot go is
   * explained at once. False when nothing was sent.
   */
  sendChat(channel: ChatChannel, raw: string): boolean {
    const { actions } = this.store.getState();
    const draft = chatDraft(raw);
    if (draft.problem) {
      actions.chatRefused(ERROR_MESSAGES[draft.problem]);
      return false;
    }
    const link = this.links.get(this.chatSector());
    if (!link?.send(GalaxyClientMessage.Chat, { channel, text: draft.text })) {
      actions.chatRefused(NOT_CONNECTED);
      return false;
    }
    this.lastSent = raw;
    actions.clearChatError();
    return true;
  }

  /** Hides (or shows again) a player's chat lines, for this player everywhere. */
  mute(userId: string, muted: boolean): boolean {
    const { actions, you } = this.store.getState();
    if (userId === you?.userId) {
      actions.chatRefused(ERROR_MESSAGES['chat/mute-self']);
      return false;
    }
    const link = this.links.get(this.chatSector()) ?? [...this.links.values()].find((l) => l.live);
    if (!link?.send(GalaxyClientMessage.Mute, { userId, muted })) {
      actions.chatRefused(NOT_CONNECTED);
      return false;
    }
    actions.clearChatError();
    return true;
  }

  private homeSector(): number | null {
    return this.store.getState().you?.sector ?? null;
  }

  /** The chat's sector: the own one once known, the first one joined before (or for a player with no starbase). */
  private chatSector(): number {
    return this.homeSector() ?? this.probe ?? 1;
  }

  /** Opens the links the page needs and closes the rest. */
  private reconcile(): void {
    if (!this.running) return;
    const wanted = new Set<number>([this.chatSector()]);
    const viewed = this.viewedSector();
    if (viewed !== null) wanted.add(viewed);
    for (const [sector, link] of this.links) {
      if (wanted.has(sector)) continue;
      link.stop();
      this.links.delete(sector);
      this.store.getState().actions.forget(sector);
    }
    for (const sector of wanted) {
      if (this.links.has(sector)) continue;
      const link = new SectorConnection(sector, this.store, { welcomed: (s, m) => this.welcomed(s, m), refused: (_s, m) => this.refused(m) }, this.options);
      this.links.set(sector, link);
      link.start();
    }
  }

  private welcomed(_sector: number, message: GalaxyWelcomeMessage): void {
    const { actions } = this.store.getState();
    actions.welcomed({
      you: message.you,
      mutes: Array.isArray(message.mutes) ? message.mutes : [],
    });
    const home = message.you?.sector;
    if (typeof home === 'number' && isSector(home)) this.hint?.write(home);
    actions.setChatSector(this.chatSector());
    this.reconcile();
  }

  private refused(message: ErrorMessage): void {
    const text = (message.code && ERROR_MESSAGES[message.code]) || message.message || 'The galaxy refused that.';
    const draft = message.request === GalaxyClientMessage.Chat ? this.lastSent : null;
    this.lastSent = null;
    this.store.getState().actions.chatRefused(text, draft);
  }
}
