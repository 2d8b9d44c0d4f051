import { ERROR_MESSAGES, newTown } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import { createGameStore } from './gameStore';
import type { RawTownState } from './roomState';
import { rawTownState } from './testing/rawTownState';

function raw(amount: number): RawTownState {
  const town = newTown(0, 1);
  return rawTownState({ ...town, stocks: { ...town.stocks, metal: { ...town.stocks.metal, amount } } }, { townId: 't', name: 'T', ownerId: 'u', ownerName: 'U' });
}

describe('game store', () => {
  it('keeps a store per session: two stores never share state', () => {
    const a = createGameStore();
    const b = createGameStore();
    a.getState().actions.applyRoomState(raw(5));
    expect(a.getState().view?.town.stocks.metal.amount).toBe(5);
    expect(b.getState().view).toBeNull();
  });

  it('holds plain snapshots and reuses unchanged parts across state changes', () => {
    const store = createGameStore();
    store.getState().actions.applyRoomState(raw(5));
    const first = store.getState().view!;
    store.getState().actions.applyRoomState(raw(7));
    const second = store.getState().view!;
    expect(second.town.stocks.metal.amount).toBe(7);
    expect(second.town.stocks.crystal).toBe(first.town.stocks.crystal);
    expect(second.town.buildings).toBe(first.town.buildings);
  });

  it('toasts a fleet that landed between two states, not on the first state', () => {
    const store = createGameStore();
    const fleet = {
      id: 'f1',
      kind: 'patrol',
      target: '1-0',
      title: 'Chase off raiders',
      distance: 5000,
      status: 'returning',
      fighter: 2,
      cargoMetal: 300,
      cargoCrystal: 0,
      cargoFuel: 0,
      departAt: 0,
      arriveAt: 10,
      returnAt: 20,
      battleId: 'b1',
    };
    store.getState().actions.applyRoomState({ ...raw(5), fleets: { f1: fleet } });
    expect(store.getState().toasts).toEqual([]);
    store.getState().actions.applyRoomState({ ...raw(5), fleets: {} });
    expect(store.getState().toasts.map((t) => t.text)).toEqual(['Fleet home: +300 metal, 2 ships docked.']);
  });

  it('ignores an empty state', () => {
    const store = createGameStore();
    store.getState().actions.applyRoomState({});
    expect(store.getState().view).toBeNull();
  });

  it('clears a pending command when the answer (a state change or an error) arrives', () => {
    const store = createGameStore();
    const { actions } = store.getState();
    actions.setPending({ kind: 'upgrade', building: 'metalMine' });
    actions.applyRoomState(raw(1));
    expect(store.getState().pending).toBeNull();
    actions.setPending({ kind: 'cancel' });
    actions.serverError('upgrade/none', ERROR_MESSAGES['upgrade/none']);
    expect(store.getState().pending).toBeNull();
    actions.setPending({ kind: 'order', ship: 'fighter' });
    actions.applyRoomState(raw(2));
    expect(store.getState().pending).toBeNull();
    actions.setPending({ kind: 'cancelOrder', orderId: 1 });
    actions.serverError('shipyard/no-such-order', ERROR_MESSAGES['shipyard/no-such-order']);
    expect(store.getState().pending).toBeNull();
  });

  it('shows a server error as an error toast with its human message', () => {
    const store = createGameStore();
    store.getState().actions.serverError('upgrade/busy', ERROR_MESSAGES['upgrade/busy']);
    expect(store.getState().toasts).toEqual([{ id: 1, tone: 'error', text: ERROR_MESSAGES['upgrade/busy'] }]);
    store.getState().actions.serverError('upgrade/none', '');
    expect(store.getState().toasts[1]!.text).toBe(ERROR_MESSAGES['upgrade/none']);
  });

  it('keeps at most four toasts, dropping the oldest', () => {
    const store = createGameStore();
    for (let i = 0; i < 6; i++) store.getState().actions.toast(`t${i}`);
    expect(store.getState().toasts.map((t) => t.text)).toEqual(['t2', 't3', 't4', 't5']);
    store.getState().actions.dismissToast(store.getState().toasts[0]!.id);
    expect(store.getState().toasts.map((t) => t.text)).toEqual(['t3', 't4', 't5']);
  });

  it('keeps the clock estimate with the smallest round trip', () => {
    const store = createGameStore();
    store.getState().actions.clockEstimated({ offset: 100, rtt: 50 });
    store.getState().actions.clockEstimated({ offset: 300, rtt: 400 });
    expect(store.getState().clock).toEqual({ offset: 100, rtt: 50 });
  });
});
