import { ERROR_MESSAGES, RESOURCE_INFO, type Cost, type ErrorCode, type ResourceId, type Town } from '@starscape/shared';
import { affordability } from './affordability';
import { formatDuration } from './format';

const PRODUCER: Record<ResourceId, string> = { metal: 'Metal Mine', crystal: 'Crystal Mine', fuel: 'Fuel Refinery' };

/**
 * Why an upgrade cannot start, for the player: the rule's message, and for a shortage what to do about it
 * ("Ready in 4m 10s", "Build a Fuel Refinery first", "Upgrade Storage first").
 */
export function upgradeReason(problem: ErrorCode, town: Town, cost: Cost, now: number): string {
  const base = ERROR_MESSAGES[problem];
  if (!problem.startsWith('upgrade/not-enough')) return base;
  const when = affordability(town, cost, now);
  switch (when.kind) {
    case 'wait':
      return `${base} Ready in ${formatDuration(when.ms)}.`;
    case 'no-production':
      return `${base} ${RESOURCE_INFO[when.resource].name} is not produced yet: build a ${PRODUCER[when.resource]}.`;
    case 'storage':
      return `${base} It needs more ${RESOURCE_INFO[when.resource].name.toLowerCase()} than Storage holds: upgrade Storage first.`;
    case 'now':
      return base;
  }
}
