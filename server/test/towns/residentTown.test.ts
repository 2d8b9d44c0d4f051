import { BUILDINGS, SHIPS, advance, cancelShipOrder, cancelUpgrade, newTown, orderShips, startUpgrade, type Result, type Town } from '@starscape/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResidentTown } from '../../src/towns/ResidentTown';

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const runs = { seed: 20261127, numRuns: 300 };

type Move =
  | { kind: 'start'; building: (typeof BUILDINGS)[number]; wait: number }
  | { kind: 'cancel'; wait: number }
  | { kind: 'order'; ship: (typeof SHIPS)[number]; count: number; wait: number }
  | { kind: 'cancelOrder'; index: number; wait: number }
  | { kind: 'advance'; wait: number };

const wait = (max: number) => fc.integer({ min: 0, max });
const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('start' as const), building: fc.constantFrom(...BUILDINGS), wait: wait(2 * HOUR) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), wait: wait(HOUR) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('order' as const), ship: fc.constantFrom(...SHIPS), count: fc.integer({ min: 1, max: 3 }), wait: wait(HOUR) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancelOrder' as const), index: fc.integer({ min: 0, max: 3 }), wait: wait(HOUR) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), wait: wait(3 * HOUR) }) },
);

/** A town well into the game: a shipyard and stocks to order with (the rules refuse most moves of a new town). */
function startingTown(): Town {
  let town = newTown(T0, 50);
  for (const building of ['shipyard', 'metalMine', 'crystalMine'] as const) {
    const started = startUpgrade(advance(town, T0), building, T0);
    if (started.ok) town = advance(started.value, T0 + 10 * HOUR);
  }
  return { ...town, stocks: { metal: { ...town.stocks.metal, amount: 1e6 }, crystal: { ...town.stocks.crystal, amount: 1e6 }, fuel: { ...town.stocks.fuel, amount: 1e6 } } };
}

/** The move's rule on `town` at `now`; a refused move leaves the town as it is, as the server does. */
function apply(town: Town, m: Move, now: number): Town {
  const result: Result<Town> | { ok: true; value: Town } =
    m.kind === 'start' ? startUpgrade(town, m.building, now)
    : m.kind === 'cancel' ? cancelUpgrade(town, now)
    : m.kind === 'order' ? orderShips(town, m.ship, m.count, now)
    : m.kind === 'cancelOrder' ? cancelShipOrder(town, advance(town, now).shipyard[m.index]?.id ?? -1, now)
    : { ok: true, value: advance(town, now) };
  return result.ok ? result.value : town;
}

/** Adopts a rule's result (which must be ok); the kept town then equals it, and the result is as the rule made it. */
function adoptResult(resident: ResidentTown, result: Result<Town>): void {
  if (!result.ok) throw new Error(result.code);
  const expected = structuredClone(result.value);
  resident.adopt(result.value);
  expect(resident.town).toEqual(expected);
  expect(result.value).toEqual(expected);
}

describe('ResidentTown: the live town kept in place between actions', () => {
  it('equals, after every move, the town the pure rules give, and changes nothing the rules returned', () => {
    fc.assert(
      fc.property(fc.array(move, { minLength: 1, maxLength: 40 }), (moves) => {
        const start = startingTown();
        const resident = new ResidentTown(structuredClone(start));
        let pure = structuredClone(start); // never shares an object with the resident
        let now = T0 + 20 * HOUR;
        for (const m of moves) {
          now += m.wait;
          pure = apply(pure, m, now);
          const next = apply(resident.town, m, now);
          const expected = structuredClone(next);
          resident.adopt(next);
          expect(resident.town).toEqual(expected);
          expect(next).toEqual(expected); // the rules' town is read, not written
          expect(resident.town).toEqual(pure);
        }
      }),
      runs,
    );
  });

  it('keeps its own objects through an order and its cancel, again and again (the rules make new ones each time)', () => {
    let now = T0 + 20 * HOUR;
    const resident = new ResidentTown(startingTown());
    const town = resident.town;
    const { stocks, shipyard } = town;
    const metal = stocks.metal;
    const ordered = orderShips(resident.town, 'scout', 1, now);
    adoptResult(resident, ordered);
    const order = resident.town.shipyard[0]!;
    expect(ordered.ok && order === ordered.value.shipyard[0]).toBe(true); // the first order is taken as made: there is nothing to write it into yet
    for (let i = 0; i < 5; i++) {
      now += 1000;
      adoptResult(resident, cancelShipOrder(resident.town, resident.town.shipyard[0]!.id, now));
      now += 1000;
      adoptResult(resident, orderShips(resident.town, 'fighter', 2, now));
      expect(resident.town).toBe(town);
      expect(resident.town.stocks).toBe(stocks);
      expect(resident.town.stocks.metal).toBe(metal);
      expect(resident.town.shipyard).toBe(shipyard);
      expect(resident.town.shipyard[0]).toBe(order); // the dropped order, written over
    }
  });

  it('gives each order its own cost record when the rules made two orders share one', () => {
    let now = T0 + 20 * HOUR;
    const resident = new ResidentTown(startingTown());
    for (const ship of ['scout', 'fighter', 'scout'] as const) adoptResult(resident, orderShips(resident.town, ship, 2, now));
    // cancelling the order in production starts the next: the rules copy it ({ ...order }), sharing its cost
    for (let i = 0; i < 2; i++) {
      now += 1000;
      adoptResult(resident, cancelShipOrder(resident.town, resident.town.shipyard[0]!.id, now));
    }
    expect(resident.town.shipyard).toHaveLength(1);
  });

  it('never writes into a cost record that an order it keeps shares', () => {
    const base = startingTown();
    const first = { id: 1, ship: 'scout' as const, remaining: 1, unitMs: 1000, unitCost: { metal: 1, crystal: 2, fuel: 3 }, nextAt: T0 };
    const second = { ...first, id: 2, nextAt: 0 }; // shares the first's cost record, as `{ ...order }` does
    const resident = new ResidentTown({ ...base, shipyard: [first, second] });
    const fresh = { id: 3, ship: 'fighter' as const, remaining: 2, unitMs: 2000, unitCost: { metal: 10, crystal: 20, fuel: 30 }, nextAt: 0 };
    const next = { ...resident.town, shipyard: [{ ...second, nextAt: T0 + 1000 }, fresh] };
    const expected = structuredClone(next);
    resident.adopt(next);
    expect(resident.town.shipyard).toEqual(expected.shipyard);
    expect(next.shipyard).toEqual(expected.shipyard);
  });

  it('hands out copies that later changes do not reach', () => {
    const resident = new ResidentTown(startingTown());
    const copy = resident.copy();
    const ordered = orderShips(resident.town, 'scout', 1, T0 + 20 * HOUR);
    if (!ordered.ok) throw new Error(ordered.code);
    resident.adopt(ordered.value);
    expect(copy.shipyard).toEqual([]);
    expect(copy.stocks).not.toEqual(resident.town.stocks);
  });
});
