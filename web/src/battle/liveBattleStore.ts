import type { BattleSide, BattleView, BattleWinner, CombatCommand, CombatOrder, CombatRole, CombatUnitType, SideState } from '@starscape/shared';
import { createStore } from 'zustand/vanilla';
import { standing, type SideStanding } from './replayEngine';

/**
 * Where the link to a battle's room stands: joining; live (patches arrive); reconnecting after a drop; over (the
 * room is gone: the battle ended, or never ran here; the page fetches the report); offline (retrying cannot help,
 * e.g. the session ended).
 */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'over' | 'offline';

/** What the page shows around the canvas, from the newest snapshot: plain data, replaced as a whole per patch. */
export interface LiveBattleHud {
  step: number;
  maxSteps: number;
  winner: BattleWinner | null;
  names: Record<BattleSide, string>;
  sides: Record<BattleSide, SideState>;
  standing: Record<BattleSide, SideStanding>;
  /** every order given so far (the same array until one is added) */
  orders: CombatOrder[];
  /** each unit's type, by id (fixed for the battle): for captions and clicks */
  types: CombatUnitType[];
}

export interface LiveStoreState {
  status: LiveStatus;
  /** why it is not live, when it is not */
  problem: { message: string; signedOut: boolean } | null;
  /** who the viewer is here (from the room's welcome); null until then */
  role: CombatRole | null;
  hud: LiveBattleHud | null;
  /** an order sent and not yet seen in the state */
  pending: CombatCommand['kind'] | null;
  /** why the last order was refused (the server's, or a check made before sending), until the next order */
  refusal: string | null;
}

export interface LiveStoreActions {
  setStatus(status: LiveStatus, problem?: LiveStoreState['problem']): void;
  welcomed(role: CombatRole): void;
  /** a new snapshot from the room, with its orders and names */
  snapshot(view: BattleView, orders: CombatOrder[], names: Record<BattleSide, string>): void;
  ordered(kind: CombatCommand['kind']): void;
  refused(text: string): void;
  /** the refusal has been read (it fades after a while) */
  dismissRefusal(): void;
  settle(): void;
}

export type LiveStore = LiveStoreState & { actions: LiveStoreActions };
export type LiveStoreApi = ReturnType<typeof createLiveStore>;

/** One live battle view's store (one per mounted view, never a module singleton). */
export function createLiveStore() {
  return createStore<LiveStore>()((set, get) => ({
    status: 'connecting',
    problem: null,
    role: null,
    hud: null,
    pending: null,
    refusal: null,
    actions: {
      setStatus: (status, problem = null) => set({ status, problem, ...(status === 'live' ? {} : { pending: null }) }),
      welcomed: (role) => set({ role }),
      snapshot: (view, orders, names) => {
        const previous = get().hud;
        const sameOrders = previous !== null && previous.orders.length === orders.length;
        const hud: LiveBattleHud = {
          step: view.step,
          maxSteps: view.maxSteps,
          winner: view.winner,
          names: previous && previous.names.attacker === names.attacker && previous.names.defender === names.defender ? previous.names : names,
          sides: view.sides,
          standing: standing(view),
          orders: sameOrders ? previous.orders : orders,
          types: previous && previous.types.length === view.ships.length ? previous.types : view.ships.map((s) => s.type),
        };
        // an order shows up in the state once the room took it: no longer pending
        set({ hud, ...(sameOrders ? {} : { pending: null }) });
      },
      ordered: (kind) => set({ pending: kind, refusal: null }),
      refused: (text) => set({ pending: null, refusal: text }),
      dismissRefusal: () => set({ refusal: null }),
      settle: () => set({ pending: null }),
    },
  }));
}
