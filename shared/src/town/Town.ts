import { z } from 'zod';
import { BUILDINGS, MAX_BUILDING_LEVEL, type BuildingId, type BuildingLevels } from '../content/buildings';
import type { Cost, ResourceId } from '../content/resources';
import { SHIPS, type ShipId } from '../content/ships';

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

/** A batch of ships ordered at the shipyard; paid in full when ordered, built one after another. */
export interface ShipyardOrder {
  /** stable id within the town (1, 2, 3, …): what a cancel names, so a queue moving meanwhile cannot misdirect it */
  id: number;
  ship: ShipId;
  /** ships of this order not built yet */
  remaining: number;
  /** build time of one ship in ms (fixed when ordered) */
  unitMs: number;
  /** price of one ship (refunded per unbuilt ship on cancel) */
  unitCost: Cost;
  /** when the next ship of this order is done; only the first order in the queue is in production (else 0) */
  nextAt: number;
}

/** What a fleet is out to do, copied from the board when it left (the board may refresh meanwhile). */
export interface FleetMission {
  kind: 'patrol' | 'salvage' | 'expedition' | 'raid';
  /** board mission id, or the target town id of a raid */
  target: string;
  title: string;
  distance: number;
  /** patrol/expedition: the pirates; raid: filled in on arrival */
  pirates: Partial<Record<ShipId, number>>;
  /** patrol bounty, or the salvage/expedition find */
  reward: Cost;
}

/** A fleet away from its starbase. Its ships are not docked while it flies. */
export interface FleetInFlight {
  id: string;
  mission: FleetMission;
  status: 'outbound' | 'fighting' | 'returning';
  /** the ships it has now (survivors after a battle) */
  ships: Record<ShipId, number>;
  cargo: Cost;
  departAt: number;
  arriveAt: number;
  /** set once it turns home */
  returnAt: number | null;
  battleId: string | null;
}

/** The whole rules state of a starbase; plain JSON, stored as the town snapshot. */
export interface Town {
  /** when the starbase was founded (ms); newcomers are protected from raids for a while */
  foundedAt: number;
  /** GAME_SPEED the rates and durations were computed with */
  speed: number;
  /** the moment the stocks' amounts refer to (changes only at events: a move or a completion) */
  since: number;
  stocks: Record<ResourceId, Stock>;
  buildings: BuildingLevels;
  upgrade: UpgradeJob | null;
  /** ships docked at the starbase (fleets in flight are not counted) */
  ships: Record<ShipId, number>;
  /** the shipyard queue, first order in production */
  shipyard: ShipyardOrder[];
  /** id of the last shipyard order placed */
  shipOrderSerial: number;
  /** ids of results from outside (fleet landings, battle results) already applied: applying one twice does nothing */
  applied: string[];
  /** ids of missions on the current board that this town has already flown */
  missionsTaken: string[];
  /** fleets away from home, oldest first */
  fleets: FleetInFlight[];
  /** raids on this starbase being fought right now, oldest first (its docked ships and defense grid fight) */
  defenses: Defense[];
  /** value (build cost) of the enemy ships this starbase's fleets and defenses have destroyed: counts for points */
  destroyed: number;
}

/** A raid on the starbase, from the moment its battle starts until its result is applied. */
export interface Defense {
  battleId: string;
  /** the raiding starbase's name */
  attackerName: string;
  startedAt: number;
}

const amount = z.number().finite().nonnegative();
const costSchema = z.object({ metal: amount, crystal: amount, fuel: amount }).strict();
const stockSchema = z.object({ amount, rate: amount, cap: amount }).strict();
const level = z.number().int().min(0).max(MAX_BUILDING_LEVEL);
const time = z.number().finite();

const count = z.number().int().min(0).max(1_000_000_000);
const shipCounts = z.object(Object.fromEntries(SHIPS.map((ship) => [ship, count.default(0)])) as Record<ShipId, z.ZodDefault<typeof count>>).strict();
const noShips = Object.fromEntries(SHIPS.map((ship) => [ship, 0])) as Record<ShipId, number>;

/** Orders stored before orders had ids (id 0) get fresh ones, so every order can be named. */
function giveOrdersIds<T extends { shipyard: Array<{ id: number }>; shipOrderSerial: number }>(town: T): T {
  if (town.shipyard.every((o) => o.id > 0)) return town;
  let serial = Math.max(town.shipOrderSerial, ...town.shipyard.map((o) => o.id));
  return { ...town, shipyard: town.shipyard.map((o) => (o.id > 0 ? o : { ...o, id: ++serial })), shipOrderSerial: serial };
}

/**
 * Validates a stored snapshot before a room trusts it. Fields added after a town was first saved get their
 * defaults here, so snapshots written by any earlier version still load (no progress is lost on a deploy).
 */
export const townSchema: z.ZodType<Town, unknown> = z
  .object({
    foundedAt: time.default(0),
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
    ships: shipCounts.default(noShips),
    shipyard: z
      .array(
        z
          .object({
            id: count.default(0),
            ship: z.enum(SHIPS),
            remaining: z.number().int().min(1).max(100_000),
            unitMs: z.number().int().min(1),
            unitCost: costSchema,
            nextAt: time,
          })
          .strict(),
      )
      .max(100)
      .default([]),
    shipOrderSerial: count.default(0),
    applied: z.array(z.string().max(128)).max(10_000).default([]),
    missionsTaken: z.array(z.string().max(128)).max(1000).default([]),
    fleets: z
      .array(
        z
          .object({
            id: z.string().min(1).max(64),
            mission: z
              .object({
                kind: z.enum(['patrol', 'salvage', 'expedition', 'raid']),
                target: z.string().max(128),
                title: z.string().max(200),
                distance: z.number().finite().nonnegative(),
                pirates: z.object(Object.fromEntries(SHIPS.map((ship) => [ship, count.optional()])) as Record<ShipId, z.ZodOptional<typeof count>>).strict(),
                reward: costSchema,
              })
              .strict(),
            status: z.enum(['outbound', 'fighting', 'returning']),
            ships: shipCounts,
            cargo: costSchema,
            departAt: time,
            arriveAt: time,
            returnAt: time.nullable(),
            battleId: z.string().max(64).nullable(),
          })
          .strict(),
      )
      .max(100)
      .default([]),
    defenses: z
      .array(z.object({ battleId: z.string().min(1).max(64), attackerName: z.string().max(200), startedAt: time }).strict())
      .max(1000)
      .default([]),
    destroyed: amount.default(0),
  })
  .strict()
  .transform(giveOrdersIds);
