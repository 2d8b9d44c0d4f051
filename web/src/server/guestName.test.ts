import { describe, expect, it } from 'vitest';
import { guestName } from './guestName';

describe('guest names', () => {
  it('look like Pilot-4821, always four digits', () => {
    expect(guestName(() => 4821)).toBe('Pilot-4821');
    for (let i = 0; i < 50; i++) expect(guestName()).toMatch(/^Pilot-\d{4}$/);
  });
});
