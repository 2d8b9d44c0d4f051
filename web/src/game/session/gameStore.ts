import { ERROR_MESSAGES, type BuildingId, type ErrorCode, type Role, type ShipId } from '@starscape/shared';
import { createStore } from 'zustand/vanilla';
import { UNKNOWN_CLOCK, betterClock, type ClockEstimate } from './clock';
import { fleetNews } from './fleetNews';
import { shareEqual, toTownView, type RawTownState, type TownView } from './roomState';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface Toast {
  id: number;
  tone: 'error' | 'info';
  text: string;
}

/** A command sent and not yet answered (by a state change or an error). */
export type PendingCommand =
  | { kind: 'upgrade'; building: BuildingId }
  | { kind: 'cancel' }
  | { kind: 'order'; ship: ShipId }
  | { kind: 'cancelOrder'; orderId: number }
  | { kind: 'dispatch'; missionId: string }
  | { kind: 'raid'; targetTownId: string }
  | null;

export interface GameState {
  status: ConnectionStatus;
  /** why the page is not live, when it is not (shown with the status) */
  problem: { message: string; fatal: boolean; signedOut: boolean } | null;
  /** when the next reconnection attempt runs (ms epoch, local clock) */
  retryAt: number | null;
  role: Role | null;
  /** the latest room state, converted; null until the first state arrives */
  view: TownView | null;
  clock: ClockEstimate;
  pending: PendingCommand;
  toasts: Toast[];
}

export interface GameActions {
  setStatus(status: ConnectionStatus, problem?: GameState['problem'], retryAt?: number | null): void;
  applyRoomState(raw: RawTownState): void;
  welcomed(role: Role): void;
  clockEstimated(estimate: ClockEstimate): void;
  setPending(pending: PendingCommand): void;
  serverError(code: ErrorCode | undefined, message: string | undefined): void;
  toast(text: string, tone?: Toast['tone']): void;
  dismissToast(id: number): void;
}

export type GameStore = GameState & { actions: GameActions };
export type GameStoreApi = ReturnType<typeof createGameStore>;

const MAX_TOASTS = 4;

/**
 * The game page's store: one per game session (created by GameProvider). Colyseus callbacks call
 * `actions`; components read plain snapshots with narrow selectors. Nothing in it is a Schema instance.
 */
export function createGameStore() {
  let nextToastId = 1;
  return createStore<GameStore>()((set, get) => ({
    status: 'connecting',
    problem: null,
    retryAt: null,
    role: null,
    view: null,
    clock: UNKNOWN_CLOCK,
    pending: null,
    toasts: [],
    actions: {
      setStatus: (status, problem = null, retryAt = null) => set({ status, problem, retryAt, ...(status === 'live' ? {} : { pending: null }) }),
      applyRoomState: (raw) => {
        const next = toTownView(raw);
        if (!next) return;
        const previous = get().view;
        set({ view: previous ? shareEqual(previous, next) : next, pending: null });
        // fleets that left the list landed (or were lost): say so once, when the server says so
        if (previous) for (const news of fleetNews(previous.town.fleets, next.town.fleets)) get().actions.toast(news.text, news.tone);
      },
      welcomed: (role) => set({ role }),
      clockEstimated: (estimate) => set({ clock: betterClock(get().clock, estimate) }),
      setPending: (pending) => set({ pending }),
      serverError: (code, message) => {
        const text = message || (code && ERROR_MESSAGES[code]) || 'The server refused that.';
        set({ pending: null });
        get().actions.toast(text, 'error');
      },
      toast: (text, tone = 'info') => {
        const toast = { id: nextToastId++, tone, text };
        set({ toasts: [...get().toasts, toast].slice(-MAX_TOASTS) });
      },
      dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
    },
  }));
}
