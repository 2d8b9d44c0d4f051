import { describe, expect, it } from 'vitest';
import { TownHosts, townHostRoomId } from '../../src/towns/townHosts';

describe('which host holds a town', () => {
  it('is the same for a town id in every process, and spreads many towns evenly', () => {
    const hosts = new TownHosts(64);
    expect(new TownHosts(64).keyOf('9f1c2d34-aaaa-4bbb-8ccc-0123456789ab')).toBe(hosts.keyOf('9f1c2d34-aaaa-4bbb-8ccc-0123456789ab'));
    const counts = new Map<string, number>();
    for (let i = 0; i < 16_000; i++) {
      const key = hosts.keyOf(`${i.toString(16).padStart(8, '0')}-5c3e-4d2a-9b1f-${(i * 7919).toString(16).padStart(12, '0')}`);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(64);
    expect(Math.min(...counts.values())).toBeGreaterThan(250 * 0.75);
    expect(Math.max(...counts.values())).toBeLessThan(250 * 1.25);
  });

  it('names a room per town with 0 hosts, and no host for a town id that is not a string', () => {
    const each = new TownHosts(0);
    expect(each.roomIdOf('abc')).toBe(townHostRoomId(each.keyOf('abc')));
    expect(each.keyOf('abc')).not.toBe(each.keyOf('abd'));
    expect(new TownHosts(8).keyOf(7)).toBe('invalid');
    expect(new TownHosts(8).keyOf(undefined)).toBe('invalid');
    expect(() => new TownHosts(-1)).toThrow();
  });
});
