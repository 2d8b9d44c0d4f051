import { describe, expect, it } from 'vitest';
import { hashForRoute, hashForTab, routeFromHash, tabFromHash } from './viewTab';

describe('the section in the URL hash', () => {
  it('opens the section the hash names, the base otherwise', () => {
    expect(tabFromHash('#shipyard')).toBe('shipyard');
    expect(tabFromHash('#Shipyard')).toBe('shipyard');
    expect(tabFromHash('#fleet')).toBe('fleet');
    expect(tabFromHash('#galaxy')).toBe('galaxy');
    expect(tabFromHash('')).toBe('base');
    expect(tabFromHash('#nowhere')).toBe('base');
  });

  it('keeps a clean URL for the base and round-trips every section', () => {
    expect(hashForTab('base')).toBe('');
    expect(tabFromHash(hashForTab('shipyard'))).toBe('shipyard');
    expect(tabFromHash(hashForTab('fleet'))).toBe('fleet');
    expect(tabFromHash(hashForTab('galaxy'))).toBe('galaxy');
  });
});

describe('details in the hash', () => {
  it('opens the galaxy map on the sector `#galaxy-<n>` names, the own sector for plain `#galaxy`', () => {
    expect(routeFromHash('#galaxy-3')).toEqual({ tab: 'galaxy', sector: 3 });
    expect(routeFromHash('#GALAXY-12')).toEqual({ tab: 'galaxy', sector: 12 });
    expect(routeFromHash('#galaxy')).toEqual({ tab: 'galaxy', sector: null });
  });

  it('treats a sector that is no sector as the own one', () => {
    expect(routeFromHash('#galaxy-0')).toEqual({ tab: 'galaxy', sector: null });
    expect(routeFromHash('#galaxy-99999999')).toEqual({ tab: 'base' });
    expect(routeFromHash('#galaxy--2')).toEqual({ tab: 'base' });
    expect(routeFromHash('#galaxy-2x')).toEqual({ tab: 'base' });
  });

  it('opens the Fleet tab with the raid target `#fleet-raid-<townId>` names, keeping the id’s case', () => {
    expect(routeFromHash('#fleet-raid-cmAbC123_x-9')).toEqual({ tab: 'fleet', raidTarget: 'cmAbC123_x-9' });
    expect(routeFromHash('#Fleet-Raid-T1')).toEqual({ tab: 'fleet', raidTarget: 'T1' });
    expect(routeFromHash('#fleet')).toEqual({ tab: 'fleet', raidTarget: null });
  });

  it('ignores a raid target that cannot be a town id', () => {
    expect(routeFromHash('#fleet-raid-<script>')).toEqual({ tab: 'fleet', raidTarget: null });
    expect(routeFromHash(`#fleet-raid-${'x'.repeat(65)}`)).toEqual({ tab: 'fleet', raidTarget: null });
    expect(routeFromHash('#fleet-raid-%E2%80%AE')).toEqual({ tab: 'fleet', raidTarget: null });
  });

  it('round-trips every route through its hash', () => {
    for (const route of [
      { tab: 'galaxy', sector: 7 },
      { tab: 'galaxy', sector: null },
      { tab: 'fleet', raidTarget: 'town-42' },
      { tab: 'fleet', raidTarget: null },
      { tab: 'shipyard' },
      { tab: 'base' },
    ] as const) {
      expect(routeFromHash(hashForRoute(route))).toEqual(route);
    }
    expect(hashForRoute({ tab: 'galaxy', sector: 7 })).toBe('#galaxy-7');
    expect(hashForRoute({ tab: 'fleet', raidTarget: 'town-42' })).toBe('#fleet-raid-town-42');
  });
});
