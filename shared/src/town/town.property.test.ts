import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILDINGS } from '../content/buildings';
import { RESOURCES } from '../content/resources';
import { advance } from './advance';
import { amountAt, newTown, stocksAt } from './production';
import type { Town } from './Town';
import { cancelUpgrade, startUpgrade } from './upgrades';

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
/** Fixed seed so a failure replays; raise numRuns locally to search harder. */
const runs = { seed: 20261125, numRuns: 300 };

type Move = { kind: 'start'; building: (typeof BUILDINGS)[number]; wait: number } | { kind: 'cancel'; wait: number };

const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('start' as const), building: fc.constantFrom(...BUILDINGS), wait: fc.integer({ min: 0, max: 6 * HOUR }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), wait: fc.integer({ min: 0, max: HOUR }) }) },
);

/** Plays moves from a new town (speed 1..50); illegal moves are skipped, as the server would refuse them. */
function play(moves: Move[], speed: number, withCancels = true): { town: Town; now: number } {
  let town = newTown(T0, speed);
  let now = T0;
  for (const m of moves) {
    now += m.wait;
    if (m.kind === 'cancel' && !withCancels) continue;
    const result = m.kind === 'start' ? startUpgrade(town, m.building, now) : cancelUpgrade(town, now);
    if (result.ok) town = result.value;
  }
  return { town, now };
}

const history = fc.record({
  moves: fc.array(move, { maxLength: 25 }),
  speed: fc.integer({ min: 1, max: 50 }),
});

describe('town rules, for any history of moves', () => {
  it('advancing in one step equals advancing in many small steps, bit for bit', () => {
    fc.assert(
      fc.property(history, fc.array(fc.integer({ min: 0, max: 2 * HOUR }), { minLength: 1, maxLength: 20 }), ({ moves, speed }, steps) => {
        const { town, now } = play(moves, speed);
        let stepped = town;
        let t = now;
        for (const step of steps) {
          t += step;
          stepped = advance(stepped, t);
        }
        const once = advance(town, t);
        expect(stepped).toEqual(once);
        expect(stocksAt(stepped, t)).toEqual(stocksAt(once, t));
      }),
      runs,
    );
  });

  it('production never takes a resource above its cap or below zero', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 1000 * HOUR }), ({ moves, speed }, later) => {
        const { town, now } = play(moves, speed, false);
        const t = now + later;
        const advanced = advance(town, t);
        for (const r of RESOURCES) {
          for (const view of [town, advanced]) {
            const amount = amountAt(view, r, t);
            expect(amount).toBeGreaterThanOrEqual(0);
            expect(amount).toBeLessThanOrEqual(view.stocks[r].cap);
          }
        }
      }),
      runs,
    );
  });

  it('with cancels too, amounts stay non-negative and production only raises a stock up to its cap', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 1000 * HOUR }), ({ moves, speed }, later) => {
        const { town, now } = play(moves, speed);
        const t = now + later;
        for (const r of RESOURCES) {
          const amount = amountAt(town, r, t);
          expect(amount).toBeGreaterThanOrEqual(0);
          expect(amount).toBeLessThanOrEqual(Math.max(town.stocks[r].cap, town.stocks[r].amount));
        }
      }),
      runs,
    );
  });

  it('cancel restores exactly what start took', () => {
    fc.assert(
      fc.property(history, fc.constantFrom(...BUILDINGS), fc.integer({ min: 0, max: 10 * HOUR }), ({ moves, speed }, building, wait) => {
        const { town, now } = play(moves, speed);
        const t = now + wait;
        const before = advance(town, t);
        const start = startUpgrade(before, building, t);
        fc.pre(start.ok);
        if (!start.ok) return;
        const cancel = cancelUpgrade(start.value, t);
        expect(cancel.ok).toBe(true);
        if (!cancel.ok) return;
        expect(stocksAt(cancel.value, t)).toEqual(stocksAt(before, t));
        expect(cancel.value.buildings).toEqual(before.buildings);
        expect(cancel.value.upgrade).toBeNull();
      }),
      runs,
    );
  });

  it('a refused move changes nothing', () => {
    fc.assert(
      fc.property(history, fc.constantFrom(...BUILDINGS), ({ moves, speed }, building) => {
        const { town, now } = play(moves, speed);
        const copy = structuredClone(town);
        const result = startUpgrade(town, building, now);
        if (!result.ok) expect(town).toEqual(copy);
        expect(town).toEqual(copy); // rules never mutate their input
      }),
      runs,
    );
  });
});
