import type { ChatLine, GalaxyTown } from '@starscape/shared';
import { describe, expect, it } from 'vitest';
import type { SectorView } from './galaxyState';
import { chatLines, createGalaxyStore, NOTHING_SEEN } from './galaxyStore';

const town = (townId: string, slot: number, extra: Partial<GalaxyTown> = {}): GalaxyTown => ({
  townId,
  name: `${townId} base`,
  ownerId: `u-${townId}`,
  ownerName: `Owner ${townId}`,
  slot,
  points: 1,
  online: false,
  protectedUntil: 0,
  ...extra,
});
const line = (id: string, authorId = 'u-a', sentAt = 1): ChatLine => ({ id, channel: 'sector', authorId, authorName: `Name ${authorId}`, text: id, sentAt });
const view = (sector: number, extra: Partial<SectorView> = {}): SectorView => ({ sector, sectorCount: 3, towns: [], sectorChat: [], galaxyChat: [], ...extra });

describe('the galaxy store', () => {
  it('keeps one entry per linked sector, with its status and latest view', () => {
    const store = createGalaxyStore();
    const { actions } = store.getState();
    actions.linkStatus(2, 'connecting');
    actions.snapshot(2, view(2, { towns: [town('a', 0)] }));
    actions.linkStatus(2, 'live');
    expect(store.getState().links[2]).toMatchObject({ status: 'live', problem: null, view: { sector: 2 } });
    actions.linkStatus(2, 'reconnecting', 'Connection lost.');
    expect(store.getState().links[2]).toMatchObject({ status: 'reconnecting', problem: 'Connection lost.', view: { sector: 2 } });
    actions.forget(2);
    expect(store.getState().links[2]).toBeUndefined();
  });

  it('keeps unchanged parts of a view as the same objects, so their components do not re-render', () => {
    const store = createGalaxyStore();
    const { actions } = store.getState();
    actions.snapshot(1, view(1, { towns: [town('a', 0), town('b', 1)] }));
    const before = store.getState().links[1]!.view!;
    actions.snapshot(1, view(1, { towns: [town('a', 0), town('b', 1, { online: true })] }));
    const after = store.getState().links[1]!.view!;
    expect(after).not.toBe(before);
    expect(after.towns[0]).toBe(before.towns[0]);
    expect(after.sectorChat).toBe(before.sectorChat);
    const links = store.getState().links;
    actions.snapshot(1, view(1, { towns: [town('a', 0), town('b', 1, { online: true })] }));
    expect(store.getState().links).toBe(links);
  });

  it('counts the chat history it joins into as read; what comes after is not', () => {
    const store = createGalaxyStore();
    const { actions } = store.getState();
    actions.setChatSector(1);
    actions.snapshot(1, view(1, { sectorChat: [line('a'), line('b')], galaxyChat: [] }));
    expect(store.getState().seen).toEqual({ sector: { id: 'b', sentAt: 1 }, galaxy: NOTHING_SEEN });
    actions.snapshot(1, view(1, { sectorChat: [line('a'), line('b'), line('c')], galaxyChat: [line('g')] }));
    expect(store.getState().seen.sector?.id).toBe('b');
    actions.markSeen('sector');
    expect(store.getState().seen.sector?.id).toBe('c');
    expect(chatLines(store.getState(), 'galaxy').map((l) => l.id)).toEqual(['g']);
  });

  it('reads the chat from the chat sector only', () => {
    const store = createGalaxyStore();
    const { actions } = store.getState();
    actions.setChatSector(1);
    actions.snapshot(1, view(1, { sectorChat: [line('one')] }));
    actions.snapshot(2, view(2, { sectorChat: [line('two')] }));
    expect(chatLines(store.getState(), 'sector').map((l) => l.id)).toEqual(['one']);
    actions.setChatSector(2);
    expect(chatLines(store.getState(), 'sector').map((l) => l.id)).toEqual(['two']);
    // the new sector's history is read too
    expect(store.getState().seen.sector?.id).toBe('two');
  });

  it('learns the names and starbases it sees, for the muted list and the raid panel', () => {
    const store = createGalaxyStore();
    const { actions } = store.getState();
    actions.snapshot(3, view(3, { towns: [town('a', 4, { protectedUntil: 99 })], galaxyChat: [line('g', 'u-z')] }));
    expect(store.getState().names).toEqual({ 'u-a': 'Owner a', 'u-z': 'Name u-z' });
    expect(store.getState().knownTowns.a).toEqual({ townId: 'a', name: 'a base', ownerId: 'u-a', ownerName: 'Owner a', sector: 3, protectedUntil: 99 });
  });

  it('keeps the mutes from the welcome and from later changes, and a refusal until cleared', () => {
    const store = createGalaxyStore();
    const { actions } = store.getState();
    actions.welcomed({ you: { userId: 'u-me', townId: 't-me', sector: 2 }, mutes: ['u-x'] });
    expect(store.getState()).toMatchObject({ you: { sector: 2 }, mutes: ['u-x'] });
    actions.mutesChanged(['u-x', 'u-y']);
    expect(store.getState().mutes).toEqual(['u-x', 'u-y']);
    actions.chatRefused('Too fast.', 'hello');
    expect(store.getState()).toMatchObject({ chatError: 'Too fast.', returnedDraft: 'hello' });
    actions.draftTaken();
    actions.clearChatError();
    expect(store.getState()).toMatchObject({ chatError: null, returnedDraft: null });
  });
});
