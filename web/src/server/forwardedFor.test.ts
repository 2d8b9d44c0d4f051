import { describe, expect, it } from 'vitest';
import { trustedClientAddress } from './forwardedFor';

describe('the client address used for throttling', () => {
  it('ignores a forged X-Forwarded-For when serving directly', () => {
    expect(trustedClientAddress('203.0.113.9', '1.2.3.4', 0)).toBe('203.0.113.9');
    expect(trustedClientAddress('203.0.113.9', undefined, 0)).toBe('203.0.113.9');
  });

  it('behind one proxy, takes the address that proxy appended', () => {
    // the client forged "1.2.3.4"; the proxy appended the real peer 198.51.100.7; we see the proxy's socket
    expect(trustedClientAddress('10.0.0.2', '1.2.3.4, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(trustedClientAddress('10.0.0.2', '198.51.100.7', 1)).toBe('198.51.100.7');
  });

  it('never reaches left of the chain, and copes with nothing at all', () => {
    expect(trustedClientAddress('10.0.0.2', undefined, 3)).toBe('10.0.0.2');
    expect(trustedClientAddress(undefined, undefined, 0)).toBeUndefined();
  });
});
