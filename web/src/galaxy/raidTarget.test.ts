import { describe, expect, it } from 'vitest';
import { resolveRaidTarget } from './raidTarget';

const rex = { townId: 't-rex', name: "Rex's Starbase", ownerName: 'Rex' };
const nova = { townId: 't-nova', name: "Nova's Starbase", ownerName: 'Nova' };

describe('the raid panel’s target', () => {
  it('is the listed starbase picked', () => {
    expect(resolveRaidTarget([rex, nova], 't-nova', null)).toEqual({ target: nova, outside: null });
    expect(resolveRaidTarget([rex, nova], null, null)).toEqual({ target: null, outside: null });
  });

  it('takes a starbase picked on the map from the list when the list holds it', () => {
    expect(resolveRaidTarget([rex], 't-rex', { townId: 't-rex', name: 'Old name', ownerName: null })).toEqual({ target: rex, outside: null });
  });

  it('offers a starbase picked on the map that the list does not hold, by the name the map showed', () => {
    const picked = { townId: 't-far', name: "Far's Starbase", ownerName: 'Far' };
    expect(resolveRaidTarget([rex], 't-far', picked)).toEqual({ target: picked, outside: picked });
    // before the list has loaded, too
    expect(resolveRaidTarget([], 't-far', picked).target).toEqual(picked);
  });

  it('describes a starbase picked by link whose name the page has not seen', () => {
    expect(resolveRaidTarget([], 't-far', { townId: 't-far', name: null, ownerName: null }).target).toEqual({ townId: 't-far', name: 'the starbase you picked', ownerName: null });
  });

  it('keeps offering the picked-elsewhere starbase after another one is picked from the list', () => {
    const picked = { townId: 't-far', name: 'Far', ownerName: null };
    expect(resolveRaidTarget([rex], 't-rex', picked)).toEqual({ target: rex, outside: { townId: 't-far', name: 'Far', ownerName: null } });
  });
});
