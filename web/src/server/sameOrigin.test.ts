import { describe, expect, it } from 'vitest';
import { isSameOrigin } from './sameOrigin';

const headers = (entries: Record<string, string>) => new Headers({ host: 'play.example', ...entries });

describe('same-origin check', () => {
  it('allows a request without Origin or Sec-Fetch-Site (a bot, curl)', () => {
    expect(isSameOrigin(headers({}))).toBe(true);
  });

  it('allows the site itself and a typed-in navigation', () => {
    expect(isSameOrigin(headers({ origin: 'http://play.example', 'sec-fetch-site': 'same-origin' }))).toBe(true);
    expect(isSameOrigin(headers({ 'sec-fetch-site': 'none' }))).toBe(true);
  });

  it('refuses another site, a sibling subdomain, and an unreadable Origin', () => {
    expect(isSameOrigin(headers({ origin: 'https://evil.example' }))).toBe(false);
    expect(isSameOrigin(headers({ 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(isSameOrigin(headers({ 'sec-fetch-site': 'same-site', origin: 'http://play.example' }))).toBe(false);
    expect(isSameOrigin(headers({ origin: 'null' }))).toBe(false);
  });

  it('compares with the forwarded host behind a proxy', () => {
    expect(isSameOrigin(new Headers({ host: '10.0.0.5:3000', 'x-forwarded-host': 'play.example', origin: 'https://play.example' }))).toBe(true);
  });
});
