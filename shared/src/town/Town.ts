import { z } from 'zod';
import { BUILDINGS, MAX_BUILDING_LEVEL, type BuildingId, type BuildingLevels } from '../content/buildings';
import type { Cost, ResourceId } from '../content/resources';

/**
 * One stored resource, lazily produced: its value at time t is `amountAt(town, resource, t)`, computed from
 * the amount at `town.since` and the rate. Nothing ticks, so an idle town costs nothing and sends nothing.
 */
export interface Stock {
  /** amount at `town.since` */
  amount: number;
  /** production per hour, game speed and energy factor applied */
  rate: number;
  /** storage capacity; production stops there (a refund may leave a stock above it) */
  cap: number;
}

/** A building upgrade in progress. Times are ms since the epoch (server clock). */
export interface UpgradeJob {
  building: BuildingId;
  toLevel: number;
  startedAt: number;
  finishesAt: number;
  /** what was paid; refunded in full on cancel */
  cost: Cost;
}

/** The whole rules state of a starbase; plain JSON, stored as the town snapshot. */
export interface Town {
  /** GAME_SPEED the rates and durations were computed with */
  speed: number;
  /** the moment the stocks' amounts refer to (changes only at events: a move or a completion) */
  since: number;
  stocks: Record<ResourceId, Stock>;
  buildings: BuildingLevels;
  upgrade: UpgradeJob | null;
}

const amount = z.number().finite().nonnegative();
const costSchema = z.object({ metal: amount, crystal: amount, fuel: amount }).strict();
const stockSchema = z.object({ amount, rate: amount, cap: amount }).strict();
const level = z.number().int().min(0).max(MAX_BUILDING_LEVEL);
const time = z.number().finite();

/** Validates a stored snapshot before a room trusts it. */
export const townSchema: z.ZodType<Town> = z
  .object({
    speed: z.number().finite().positive(),
    since: time,
    stocks: z.object({ metal: stockSchema, crystal: stockSchema, fuel: stockSchema }).strict(),
    buildings: z.object(Object.fromEntries(BUILDINGS.map((b) => [b, level])) as Record<BuildingId, typeof level>).strict(),
    upgrade: z
      .object({
        building: z.enum(BUILDINGS),
        toLevel: level,
        startedAt: time,
        finishesAt: time,
        cost: costSchema,
      })
      .strict()
      .nullable(),
  })
  .strict();
