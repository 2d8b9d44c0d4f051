import { describe, expect, it } from 'vitest';
import { hashForTab, tabFromHash } from './viewTab';

describe('the section in the URL hash', () => {
  it('opens the section the hash names, the base otherwise', () => {
    expect(tabFromHash('#shipyard')).toBe('shipyard');
    expect(tabFromHash('#Shipyard')).toBe('shipyard');
    expect(tabFromHash('#fleet')).toBe('fleet');
    expect(tabFromHash('')).toBe('base');
    expect(tabFromHash('#nowhere')).toBe('base');
  });

  it('keeps a clean URL for the base and round-trips every section', () => {
    expect(hashForTab('base')).toBe('');
    expect(tabFromHash(hashForTab('shipyard'))).toBe('shipyard');
    expect(tabFromHash(hashForTab('fleet'))).toBe('fleet');
  });
});
