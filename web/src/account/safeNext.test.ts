import { describe, expect, it } from 'vitest';
import { safeNext } from './safeNext';

describe('the post-login redirect', () => {
  it('keeps paths on this site', () => {
    expect(safeNext('/account')).toBe('/account');
    expect(safeNext('/play?visit=abc')).toBe('/play?visit=abc');
  });

  it('refuses anything that could leave the site', () => {
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/ok\nLocation: x', '', null, undefined]) {
      expect(safeNext(bad)).toBe('/play');
    }
  });
});
