import { describe, expect, it } from 'vitest';
import { clientAddress } from './clientAddress';

const headers = (entries: Record<string, string>) => new Headers(entries);

describe('client address', () => {
  it('takes the first x-forwarded-for entry', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }))).toBe('203.0.113.7');
  });

  it('falls back to x-real-ip, then to "unknown"', () => {
    expect(clientAddress(headers({ 'x-real-ip': '198.51.100.2' }))).toBe('198.51.100.2');
    expect(clientAddress(headers({}))).toBe('unknown');
    expect(clientAddress(headers({ 'x-forwarded-for': ' , ' }))).toBe('unknown');
  });

  it('treats an IPv4-mapped IPv6 address as the IPv4 address', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': '::ffff:127.0.0.1' }))).toBe('127.0.0.1');
    expect(clientAddress(headers({ 'x-forwarded-for': '2001:db8::1' }))).toBe('2001:db8::1');
  });
});
