import {
  ERROR_MESSAGES,
  MAX_SHIPS_PER_ORDER,
  RESOURCES,
  RESOURCE_INFO,
  SHIP_INFO,
  amountAt,
  shipsCost,
  type ErrorCode,
  type ResourceId,
  type ShipId,
  type Town,
} from '@starscape/shared';
import { affordability } from './affordability';
import { formatDuration } from './format';

const PRODUCER: Record<ResourceId, string> = { metal: 'Metal Mine', crystal: 'Crystal Mine', fuel: 'Fuel Refinery' };

/** The count quick picks of a ship card; "max affordable" comes after them. */
export const QUICK_COUNTS = [1, 5, 10] as const;

/** A count the server takes: a whole number within 1..MAX_SHIPS_PER_ORDER (NaN becomes 1). */
export function clampCount(value: number): number {
  if (!Number.isFinite(value)) return 1;
  return Math.min(MAX_SHIPS_PER_ORDER, Math.max(1, Math.floor(value)));
}

/** What the count field holds, read as a count; null while it is not one (empty, "abc", "0"). */
export function parseCount(text: string): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const value = Number(text);
  return value >= 1 ? clampCount(value) : null;
}

/**
 * How many `ship`s the stock pays for at `now`, at most MAX_SHIPS_PER_ORDER (0 when not even one).
 * Checked with the same comparison as `checkShipOrder`, so "max" never offers a count the server refuses.
 */
export function maxAffordable(town: Town, ship: ShipId, now: number): number {
  const unit = SHIP_INFO[ship].cost;
  let most = MAX_SHIPS_PER_ORDER;
  for (const r of RESOURCES) {
    if (unit[r] <= 0) continue;
    most = Math.min(most, Math.floor(amountAt(town, r, now) / unit[r]));
  }
  most = Math.max(0, most);
  // a division can land one ulp high; step down until the price really fits
  while (most > 0 && RESOURCES.some((r) => amountAt(town, r, now) < shipsCost(ship, most)[r])) most -= 1;
  return most;
}

/**
 * Why an order cannot go, for the player: the rule's message and what to do about it ("Ready in 4m 10s",
 * "You can pay for 3 now", "Build a Fuel Refinery first", "More than Storage holds").
 */
export function shipOrderReason(problem: ErrorCode, town: Town, ship: ShipId, count: number, now: number): string {
  const base = ERROR_MESSAGES[problem];
  if (problem === 'shipyard/queue-full') return `${base} Wait for an order to finish, or cancel one.`;
  if (!problem.startsWith('shipyard/not-enough')) return base;
  const affordable = maxAffordable(town, ship, now);
  const instead = affordable > 0 ? ` You can pay for ${affordable} now.` : '';
  const when = affordability(town, shipsCost(ship, count), now);
  switch (when.kind) {
    case 'wait':
      return `${base} Ready in ${formatDuration(when.ms)}.${instead}`;
    case 'no-production':
      return `${base} ${RESOURCE_INFO[when.resource].name} is not produced yet: build a ${PRODUCER[when.resource]}.`;
    case 'storage':
      return `${base} That is more ${RESOURCE_INFO[when.resource].name.toLowerCase()} than Storage holds: order fewer or upgrade Storage.${instead}`;
    case 'now':
      return base;
  }
}
