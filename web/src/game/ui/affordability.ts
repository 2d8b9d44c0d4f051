import { RESOURCES, amountAt, type Cost, type ResourceId, type Town } from '@starscape/shared';

const MS_PER_HOUR = 3_600_000;

/** When the town can pay a price at its current rates. */
export type Affordability =
  | { kind: 'now' }
  | { kind: 'wait'; ms: number }
  /** the price is above the storage cap: storage must grow first */
  | { kind: 'storage'; resource: ResourceId }
  /** a resource that is short is not produced at all */
  | { kind: 'no-production'; resource: ResourceId };

export function affordability(town: Town, cost: Cost, now: number): Affordability {
  let wait = 0;
  for (const r of RESOURCES) {
    const have = amountAt(town, r, now);
    if (have >= cost[r]) continue;
    const stock = town.stocks[r];
    if (cost[r] > stock.cap) return { kind: 'storage', resource: r };
    if (stock.rate <= 0) return { kind: 'no-production', resource: r };
    wait = Math.max(wait, ((cost[r] - have) / stock.rate) * MS_PER_HOUR);
  }
  return wait === 0 ? { kind: 'now' } : { kind: 'wait', ms: wait };
}
