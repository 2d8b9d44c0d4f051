import { RESOURCES, type ShipyardOrder, type Town } from '@starscape/shared';
import { shortenList } from '../shortenList';

/** How each field of the kept town takes its next value: see `ResidentTown`. */
type Adoption = 'value' | 'numbers' | 'stocks' | 'shipyard' | 'reference';

/** Every field of `Town`, so a field added to the rules must be given a way here (the type checker says so). */
const ADOPTION: { readonly [K in keyof Town]: Adoption } = {
  foundedAt: 'value',
  speed: 'value',
  since: 'value',
  shipOrderSerial: 'value',
  destroyed: 'value',
  stocks: 'stocks',
  buildings: 'numbers',
  ships: 'numbers',
  shipyard: 'shipyard',
  upgrade: 'reference',
  applied: 'reference',
  missionsTaken: 'reference',
  fleets: 'reference',
  defenses: 'reference',
};
const FIELDS = Object.keys(ADOPTION) as Array<keyof Town>;

/**
 * The town a live `HostedTown` keeps between actions, changed in place into each new town the rules return.
 *
 * The shared rules are pure: each action returns a new `Town` that shares with the one before what did not
 * change. Most actions renew the town object itself, its stocks, and the shipyard list with an order. Kept until
 * the player's next action, seconds later, those new objects outlived the young generation and died in the old
 * one: about 600 bytes per action, a third of what an action left there, and what the old generation fills
 * with decides how often a full collection stops the server (BENCHMARKS.md). Here the kept town takes the new
 * values into its own objects, and the rules' new objects die young.
 *
 * Changed in place: the town's own number fields, stocks, building levels, docked ships, and the shipyard list
 * with its orders (an order the list no longer holds is written over by the next new one). Everything else
 * (upgrade, fleets, raids, lists of ids) changes with few actions and is taken as the rules made it.
 *
 * So nothing outside its `HostedTown` may hold the kept town or a part of it past the moment: whatever leaves the
 * town is a copy (`copy`), or is read at once (a repository serializes a snapshot before `save` returns).
 */
export class ResidentTown {
  /** an order the list dropped, for the next new order to be written into (one: a queue that empties and fills) */
  private spareOrder: ShipyardOrder | undefined;

  constructor(private kept: Town) {}

  /** The town as it is now: read it, never keep it (it changes with the next `adopt`). */
  get town(): Town {
    return this.kept;
  }

  /** A copy of the town that stays as it is: for whatever outlives the moment (another process, a battle). */
  copy(): Town {
    return structuredClone(this.kept);
  }

  /** Makes the kept town deeply equal to `next`, in its own objects where it can; `next` is not changed. */
  adopt(next: Town): void {
    const kept = this.kept as unknown as Record<keyof Town, unknown>;
    if (next === this.kept) return;
    for (const field of FIELDS) {
      const value = next[field];
      const current = kept[field];
      if (value === current) continue;
      switch (ADOPTION[field]) {
        case 'numbers':
          copyNumbers(current as Record<string, number>, value as Record<string, number>);
          break;
        case 'stocks':
          for (const resource of RESOURCES) {
            const stock = (value as Town['stocks'])[resource];
            const keptStock = (current as Town['stocks'])[resource];
            if (stock !== keptStock) copyNumbers(keptStock as unknown as Record<string, number>, stock as unknown as Record<string, number>);
          }
          break;
        case 'shipyard':
          this.adoptShipyard(current as ShipyardOrder[], value as Town['shipyard']);
          break;
        default:
          kept[field] = value;
      }
    }
  }

  /**
   * The list takes the next one's orders: an order it already had is put in its new place as it is (the rules
   * never change an order they keep; a changed one is a new object); a new order is written into one the
   * list no longer holds, or into the spare, or else taken as it is.
   */
  private adoptShipyard(kept: ShipyardOrder[], next: readonly ShipyardOrder[]): void {
    const before = kept.slice(); // a few orders at most; young
    const free = before.filter((order) => !next.includes(order));
    if (this.spareOrder) free.push(this.spareOrder);
    this.spareOrder = undefined;
    // the rules copy an order with `{ ...order }`, which shares its cost record: an order about to be written
    // into gets a record of its own first if another order (kept or free) has the same one
    for (const order of free) if (sharesCost(order, next) || sharesCost(order, free)) order.unitCost = { ...order.unitCost };
    for (let i = 0; i < next.length; i++) {
      const order = next[i]!;
      if (before.includes(order)) {
        kept[i] = order;
        continue;
      }
      const target = free.pop();
      if (target) writeOrder(target, order);
      kept[i] = target ?? order;
    }
    shortenList(kept, next.length);
    this.spareOrder = free.pop();
  }
}

/** Whether another order of `orders` has the same cost record as `order`. */
function sharesCost(order: ShipyardOrder, orders: readonly ShipyardOrder[]): boolean {
  for (const other of orders) if (other !== order && other.unitCost === order.unitCost) return true;
  return false;
}

/** `target` takes every number of `source` (flat records of numbers: levels, counts, a stock, a cost). */
function copyNumbers(target: Record<string, number>, source: Record<string, number>): void {
  for (const key in source) target[key] = source[key]!;
  for (const key in target) if (!(key in source)) delete target[key];
}

/** Every field of an order: its values, and its cost record (the type checker asks for a field added). */
const ORDER_FIELDS: { readonly [K in keyof ShipyardOrder]: 'value' | 'cost' } = {
  id: 'value',
  ship: 'value',
  remaining: 'value',
  unitMs: 'value',
  nextAt: 'value',
  unitCost: 'cost',
};
const ORDER_KEYS = Object.keys(ORDER_FIELDS) as Array<keyof ShipyardOrder>;

/** A dropped order (whose cost record is its own) takes a new one's values. */
function writeOrder(target: ShipyardOrder, source: ShipyardOrder): void {
  const written = target as unknown as Record<keyof ShipyardOrder, unknown>;
  for (const key of ORDER_KEYS) {
    if (ORDER_FIELDS[key] === 'cost') copyNumbers(target.unitCost as unknown as Record<string, number>, source.unitCost as unknown as Record<string, number>);
    else written[key] = source[key];
  }
}
