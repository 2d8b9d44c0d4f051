import { MAX_BUILDING_LEVEL, type BuildingId } from '../content/buildings';
import { RESOURCES, type Cost } from '../content/resources';
import { fail, ok, type ErrorCode, type Result } from '../errors';
import { advance } from './advance';
import { buildDuration, upgradeCost } from './economy';
import { amountAt, rebase } from './production';
import type { Town } from './Town';

const NOT_ENOUGH = {
  metal: 'upgrade/not-enough-metal',
  crystal: 'upgrade/not-enough-crystal',
  fuel: 'upgrade/not-enough-fuel',
} as const satisfies Record<keyof Cost, ErrorCode>;

/** Build time in ms of raising `building` to `toLevel` in this town (command center and speed applied). */
export function upgradeDuration(town: Town, building: BuildingId, toLevel: number): number {
  return buildDuration(upgradeCost(building, toLevel), town.buildings.commandCenter, town.speed);
}

/** Why `building` cannot be upgraded at `now`, or null when it can. Checks in order: busy, max level, resources. */
export function checkUpgrade(town: Town, building: BuildingId, now: number): ErrorCode | null {
  const current = advance(town, now);
  if (current.upgrade) return 'upgrade/busy';
  const toLevel = current.buildings[building] + 1;
  if (toLevel > MAX_BUILDING_LEVEL) return 'upgrade/max-level';
  const cost = upgradeCost(building, toLevel);
  for (const r of RESOURCES) {
    if (amountAt(current, r, now) < cost[r]) return NOT_ENOUGH[r];
  }
  return null;
}

/** Starts raising `building` one level at `now`: pays the cost and queues the job. */
export function startUpgrade(town: Town, building: BuildingId, now: number): Result<Town> {
  const problem = checkUpgrade(town, building, now);
  if (problem) return fail(problem);
  const current = rebase(advance(town, now), now);
  const toLevel = current.buildings[building] + 1;
  const cost = upgradeCost(building, toLevel);
  const startedAt = Math.max(now, current.since);
  const stocks = { ...current.stocks };
  for (const r of RESOURCES) stocks[r] = { ...stocks[r], amount: stocks[r].amount - cost[r] };
  return ok({
    ...current,
    stocks,
    upgrade: { building, toLevel, startedAt, finishesAt: startedAt + upgradeDuration(current, building, toLevel), cost },
  });
}

/** Cancels the running upgrade at `now` and refunds exactly what it cost (even above the storage cap). */
export function cancelUpgrade(town: Town, now: number): Result<Town> {
  const current = rebase(advance(town, now), now);
  const job = current.upgrade;
  if (!job) return fail('upgrade/none');
  const stocks = { ...current.stocks };
  for (const r of RESOURCES) stocks[r] = { ...stocks[r], amount: stocks[r].amount + job.cost[r] };
  return ok({ ...current, stocks, upgrade: null });
}

/** Fraction of the running upgrade done at `now`, 0..1 (0 when none). */
export function upgradeProgress(town: Town, now: number): number {
  const job = town.upgrade;
  if (!job) return 0;
  const span = job.finishesAt - job.startedAt;
  return Math.min(1, Math.max(0, (now - job.startedAt) / span));
}
