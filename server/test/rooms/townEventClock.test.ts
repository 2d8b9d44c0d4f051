import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TownEventClock, TownEventSlot } from '../../src/rooms/TownEventClock';
import { createLogger } from '../../src/logger';

const logger = createLogger('silent');

/** A town as the clock sees it: records when it was called. */
function town(name: string, calls: string[], onDue?: () => void): TownEventSlot {
  return new TownEventSlot({
    due() {
      calls.push(`${name}@${Date.now()}`);
      onDue?.();
    },
  });
}

describe('TownEventClock', () => {
  let clock: TownEventClock;
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    clock = new TownEventClock({ now: () => Date.now(), logger });
  });
  afterEach(() => {
    clock.stop();
    vi.useRealTimers();
  });

  it('calls each town once its time has come, in time order, never early', async () => {
    const calls: string[] = [];
    const a = town('a', calls);
    const b = town('b', calls);
    const c = town('c', calls);
    clock.set(a, 1_000_300);
    clock.set(b, 1_000_100);
    clock.set(c, 1_000_200);
    await vi.advanceTimersByTimeAsync(99);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls.map((call) => call.split('@')[0])).toEqual(['b', 'c', 'a']);
    for (const call of calls) {
      const [name, at] = call.split('@');
      expect(Number(at)).toBeGreaterThanOrEqual({ a: 1_000_300, b: 1_000_100, c: 1_000_200 }[name!]!);
    }
    expect(clock.size).toBe(0);
  });

  it('moves a town when it is set again, and forgets it when cleared', async () => {
    const calls: string[] = [];
    const a = town('a', calls);
    const b = town('b', calls);
    clock.set(a, 1_000_100);
    clock.set(b, 1_000_200);
    clock.set(a, 1_000_500); // later than b now
    clock.set(b, null);
    expect(clock.size).toBe(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toEqual(['a@1000501']);
    clock.set(b, 1_000_700);
    clock.set(b, 1_000_650); // earlier: the clock wakes for it
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toEqual(['a@1000501', 'b@1000651']);
  });

  it('keeps the heap in order through many moves and removals', async () => {
    const calls: string[] = [];
    const slots = Array.from({ length: 200 }, (_, i) => town(String(i), calls));
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const expected = new Map<string, number>();
    for (let round = 0; round < 5; round++) {
      slots.forEach((slot, i) => {
        if (random() < 0.2) {
          clock.set(slot, null);
          expected.delete(String(i));
        } else {
          const at = 1_000_000 + 1 + Math.floor(random() * 10_000);
          clock.set(slot, at);
          expected.set(String(i), at);
        }
      });
    }
    expect(clock.size).toBe(expected.size);
    await vi.advanceTimersByTimeAsync(20_000);
    const order = calls.map((call) => call.split('@')[0]!);
    expect(new Set(order)).toEqual(new Set(expected.keys()));
    const times = order.map((name) => expected.get(name)!);
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it('lets a town set its next event from inside its call, and survives a town that throws', async () => {
    const calls: string[] = [];
    const again: TownEventSlot = town('again', calls, () => {
      if (calls.length < 3) clock.set(again, Date.now() + 50);
    });
    const broken = new TownEventSlot({
      due() {
        throw new Error('boom');
      },
    });
    clock.set(broken, 1_000_010);
    clock.set(again, 1_000_020);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls.map((call) => call.split('@')[0])).toEqual(['again', 'again', 'again']);
  });

  it('wakes for an event months away (past the 24.8 days a Node timer can wait)', async () => {
    const calls: string[] = [];
    const far = town('far', calls);
    const at = 1_000_000 + 60 * 24 * 3600_000;
    clock.set(far, at);
    await vi.advanceTimersByTimeAsync(30 * 24 * 3600_000);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(31 * 24 * 3600_000);
    expect(calls).toHaveLength(1);
    expect(Number(calls[0]!.split('@')[1])).toBeGreaterThanOrEqual(at);
  });

  it('calls nothing after stop', async () => {
    const calls: string[] = [];
    clock.set(town('a', calls), 1_000_100);
    clock.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toEqual([]);
    expect(clock.size).toBe(0);
  });
});
