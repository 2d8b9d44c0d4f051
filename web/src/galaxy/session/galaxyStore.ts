import type { ChatChannel, ChatLine, GalaxyWelcomeMessage } from '@starscape/shared';
import { createStore } from 'zustand/vanilla';
import { shareEqual } from '../../game/session/roomState';
import type { SectorView } from './galaxyState';

/** Where the link to one sector's room stands (as for the town room). */
export type LinkStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface SectorLinkState {
  status: LinkStatus;
  /** why it is not live, when it is not */
  problem: string | null;
  /** the latest state, converted; null until the first state arrives */
  view: SectorView | null;
}

/** The newest chat line a player has had in view, per channel. */
export interface ChatMarker {
  id: string;
  sentAt: number;
}

/** What the page remembers of a starbase it has seen on the map (for the raid panel's preselected target). */
export interface KnownTown {
  townId: string;
  name: string;
  ownerId: string;
  ownerName: string;
  sector: number;
  protectedUntil: number;
}

export interface GalaxyState {
  /** one entry per sector room this page is linked to */
  links: Readonly<Record<number, SectorLinkState>>;
  /** who the player is and where their starbase is (from a welcome); null until then */
  you: GalaxyWelcomeMessage['you'] | null;
  /** the sector whose room carries the chat: the player's own once known, the first one joined before */
  chatSector: number | null;
  /** players whose chat lines this player hides */
  mutes: readonly string[];
  /** names of the players seen (chat authors, starbase owners) by user id: for the list of muted players */
  names: Readonly<Record<string, string>>;
  /** starbases seen on the map, by town id */
  knownTowns: Readonly<Record<string, KnownTown>>;
  /** why the last chat message or mute was refused, until the next try */
  chatError: string | null;
  /** a refused message's text, for the input to take back (then cleared) */
  returnedDraft: string | null;
  /** per channel, the newest line seen; null until the chat's first state (its history counts as read) */
  seen: Readonly<Record<ChatChannel, ChatMarker | null>>;
}

export interface GalaxyActions {
  linkStatus(sector: number, status: LinkStatus, problem?: string | null): void;
  snapshot(sector: number, view: SectorView): void;
  /** the link to `sector` is closed for good: drop what it showed */
  forget(sector: number): void;
  welcomed(message: Pick<GalaxyWelcomeMessage, 'you' | 'mutes'>): void;
  mutesChanged(mutes: readonly string[]): void;
  setChatSector(sector: number): void;
  chatRefused(text: string, draft?: string | null): void;
  clearChatError(): void;
  /** the input took the returned draft */
  draftTaken(): void;
  /** the player has the newest lines of `channel` in view */
  markSeen(channel: ChatChannel): void;
}

export type GalaxyStore = GalaxyState & { actions: GalaxyActions };
export type GalaxyStoreApi = ReturnType<typeof createGalaxyStore>;

/** The marker of a channel seen while it had no lines: everything that comes is new. */
export const NOTHING_SEEN: ChatMarker = { id: '', sentAt: 0 };

const lastMarker = (lines: readonly ChatLine[]): ChatMarker => {
  const last = lines.at(-1);
  return last ? { id: last.id, sentAt: last.sentAt } : NOTHING_SEEN;
};

/** The lines of `channel` the chat shows (from the chat sector's room); empty until it has a state. */
export function chatLines(state: GalaxyState, channel: ChatChannel): readonly ChatLine[] {
  const view = state.chatSector === null ? null : state.links[state.chatSector]?.view;
  if (!view) return NO_LINES;
  return channel === 'sector' ? view.sectorChat : view.galaxyChat;
}
const NO_LINES: readonly ChatLine[] = [];

/**
 * The galaxy's store: one per game page (created by GalaxyProvider). The sector links call `actions`;
 * components read plain snapshots with narrow selectors. Nothing in it is a Schema instance.
 */
export function createGalaxyStore() {
  return createStore<GalaxyStore>()((set, get) => ({
    links: {},
    you: null,
    chatSector: null,
    mutes: [],
    names: {},
    knownTowns: {},
    chatError: null,
    returnedDraft: null,
    seen: { sector: null, galaxy: null },
    actions: {
      linkStatus: (sector, status, problem = null) => {
        const previous = get().links[sector];
        set({ links: { ...get().links, [sector]: { view: previous?.view ?? null, status, problem } } });
      },
      snapshot: (sector, view) => {
        const state = get();
        const previous = state.links[sector];
        const next = previous?.view ? shareEqual(previous.view, view) : view;
        if (previous && next === previous.view) return;
        const names = learnNames(state.names, next);
        const knownTowns = learnTowns(state.knownTowns, next);
        // the chat's history counts as read: only what arrives after it is unread
        const seen =
          sector === state.chatSector
            ? { sector: state.seen.sector ?? lastMarker(next.sectorChat), galaxy: state.seen.galaxy ?? lastMarker(next.galaxyChat) }
            : state.seen;
        set({ links: { ...state.links, [sector]: { status: previous?.status ?? 'live', problem: previous?.problem ?? null, view: next } }, names, knownTowns, seen });
      },
      forget: (sector) => {
        if (!(sector in get().links)) return;
        const links = { ...get().links };
        delete links[sector];
        set({ links });
      },
      welcomed: ({ you, mutes }) => set({ you, mutes: [...mutes] }),
      mutesChanged: (mutes) => set({ mutes: [...mutes] }),
      setChatSector: (sector) => {
        const state = get();
        if (state.chatSector === sector) return;
        // another sector's channel: its history is read, what comes after it is not
        const view = state.links[sector]?.view;
        set({ chatSector: sector, seen: { sector: view ? lastMarker(view.sectorChat) : null, galaxy: state.seen.galaxy } });
      },
      chatRefused: (text, draft = null) => set({ chatError: text, returnedDraft: draft }),
      clearChatError: () => {
        if (get().chatError !== null) set({ chatError: null });
      },
      draftTaken: () => set({ returnedDraft: null }),
      markSeen: (channel) => {
        const state = get();
        const lines = chatLines(state, channel);
        const marker = lastMarker(lines);
        const current = state.seen[channel];
        if (lines.length === 0 || (current && current.id === marker.id)) return;
        set({ seen: { ...state.seen, [channel]: marker } });
      },
    },
  }));
}

function learnNames(names: Readonly<Record<string, string>>, view: SectorView): Readonly<Record<string, string>> {
  let out: Record<string, string> | null = null;
  const learn = (id: string, name: string) => {
    if (!id || names[id] === name || out?.[id] === name) return;
    out ??= { ...names };
    out[id] = name;
  };
  for (const t of view.towns) learn(t.ownerId, t.ownerName);
  for (const l of view.sectorChat) learn(l.authorId, l.authorName);
  for (const l of view.galaxyChat) learn(l.authorId, l.authorName);
  return out ?? names;
}

function learnTowns(known: Readonly<Record<string, KnownTown>>, view: SectorView): Readonly<Record<string, KnownTown>> {
  let out: Record<string, KnownTown> | null = null;
  for (const t of view.towns) {
    const k = known[t.townId];
    if (k && k.name === t.name && k.ownerName === t.ownerName && k.sector === view.sector && k.protectedUntil === t.protectedUntil) continue;
    out ??= { ...known };
    out[t.townId] = { townId: t.townId, name: t.name, ownerId: t.ownerId, ownerName: t.ownerName, sector: view.sector, protectedUntil: t.protectedUntil };
  }
  return out ?? known;
}
