import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILDINGS } from '../content/buildings';
import { RESOURCES } from '../content/resources';
import { advance } from './advance';
import { amountAt, newTown, stocksAt } from './production';
import type { Town } from './Town';
import { SHIPS } from '../content/ships';
import { cancelShipOrder, orderShips } from './shipyard';
import { cancelUpgrade, startUpgrade } from './upgrades';

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
/** Fixed seed so a failure replays; raise numRuns locally to search harder. */
const runs = { seed: 20261125, numRuns: 300 };

type Move =
  | { kind: 'start'; building: (typeof BUILDINGS)[number]; wait: number }
  | { kind: 'cancel'; wait: number }
  | { kind: 'order'; ship: (typeof SHIPS)[number]; count: number; wait: number }
  | { kind: 'cancelOrder'; index: number; wait: number };

const wait = (max: number) => fc.integer({ min: 0, max });
const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('start' as const), building: fc.constantFrom(...BUILDINGS), wait: wait(6 * HOUR) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), wait: wait(HOUR) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('order' as const), ship: fc.constantFrom(...SHIPS), count: fc.integer({ min: 1, max: 3 }), wait: wait(3 * HOUR) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelOrder' as const), index: fc.integer({ min: 0, max: 2 }), wait: wait(HOUR) }) },
);

/**
 * Plays moves from a new town (speed 1..50) whose first move builds a shipyard; illegal moves are skipped,
 * as the server would refuse them. Counts the ships ordered and the unbuilt ships refunded.
 */
function play(moves: Move[], speed: number, withCancels = true): { town: Town; now: number; ordered: number; refunded: number } {
  let town = newTown(T0, speed);
  let now = T0;
  let ordered = 0;
  let refunded = 0;
  const shipyard = startUpgrade(town, 'shipyard', now);
  if (shipyard.ok) town = shipyard.value;
  for (const m of moves) {
    now += m.wait;
    if ((m.kind === 'cancel' || m.kind === 'cancelOrder') && !withCancels) continue;
    const before = advance(town, now);
    const result =
      m.kind === 'start' ? startUpgrade(town, m.building, now)
      : m.kind === 'cancel' ? cancelUpgrade(town, now)
      : m.kind === 'order' ? orderShips(town, m.ship, m.count, now)
      : cancelShipOrder(town, before.shipyard[m.index]?.id ?? -1, now);
    if (!result.ok) continue;
    if (m.kind === 'order') ordered += m.count;
    if (m.kind === 'cancelOrder') refunded += before.shipyard[m.index]!.remaining;
    town = result.value;
  }
  return { town, now, ordered, refunded };
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

  it('no ship appears from nowhere: docked + queued = ordered − refunded, at any later moment', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 100 * HOUR }), ({ moves, speed }, later) => {
        const { town, now, ordered, refunded } = play(moves, speed);
        const at = advance(town, now + later);
        const docked = SHIPS.reduce((sum, s) => sum + at.ships[s], 0);
        const queued = at.shipyard.reduce((sum, o) => sum + o.remaining, 0);
        expect(docked + queued).toBe(ordered - refunded);
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
