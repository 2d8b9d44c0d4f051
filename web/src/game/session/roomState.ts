import {
  BUILDINGS,
  CARGO_FIELDS,
  EMPTY_SHIPYARD_SLOT,
  LEVEL_FIELDS,
  RESOURCES,
  SHIPS,
  STOCK_FIELDS,
  UNIT_COST_FIELDS,
  UPGRADE_COST_FIELDS,
  type BuildingId,
  type Cost,
  type Defense,
  type FleetInFlight,
  type ResourceId,
  type ShipId,
  type ShipyardOrder,
  type Stock,
  type Town,
  type UpgradeJob,
} from '@starscape/shared';

/**
 * The town room's state as `room.state.toJSON()` gives it: the shared `Town` plus who owns it, with stocks,
 * building levels, docked ships and costs as flat fields (named in shared/src/town/townStateFields.ts) and
 * `upgrade`, `fleets`, `defenses` and `missionsTaken` absent when there are none. Typed loosely on purpose: it
 * comes off the wire.
 */
export type RawTownState = Record<string, unknown>;

export interface TownMeta {
  townId: string;
  name: string;
  ownerId: string;
  ownerName: string;
}

/** What the store keeps of the room state: plain, immutable, and the rules' own `Town` shape. */
export interface TownView {
  meta: TownMeta;
  town: Town;
  energy: { supply: number; use: number };
}

const record = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null);
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A cost from flat fields (`unitMetal`, `cargoFuel`, …) of a record. */
function costFrom(r: Record<string, unknown> | null, fields: { readonly [R in ResourceId]: string }): Cost {
  const cost = {} as Cost;
  for (const res of RESOURCES) cost[res] = num(r?.[fields[res]]);
  return cost;
}

const NO_COST: Cost = { metal: 0, crystal: 0, fuel: 0 };

function upgrade(v: unknown): UpgradeJob | null {
  const r = record(v);
  if (!r || !(BUILDINGS as readonly unknown[]).includes(r.building)) return null;
  return {
    building: r.building as BuildingId,
    toLevel: num(r.toLevel),
    startedAt: num(r.startedAt),
    finishesAt: num(r.finishesAt),
    cost: costFrom(r, UPGRADE_COST_FIELDS),
  };
}

/** The queue's entries but an empty slot (`EMPTY_SHIPYARD_SLOT`: the entry a server keeps when the queue empties). */
function shipyard(v: unknown): ShipyardOrder[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((entry) => {
    const r = record(entry);
    if (!r || r.id === EMPTY_SHIPYARD_SLOT || !(SHIPS as readonly unknown[]).includes(r.ship)) return [];
    return [{ id: num(r.id), ship: r.ship as ShipId, remaining: num(r.remaining), unitMs: num(r.unitMs), unitCost: costFrom(r, UNIT_COST_FIELDS), nextAt: num(r.nextAt) }];
  });
}

/** Ship counts from a record whose fields are the ship ids (the town's docked ships, a fleet's ships aboard). */
function shipCounts(r: Record<string, unknown> | null): Record<ShipId, number> {
  const ships = {} as Record<ShipId, number>;
  for (const s of SHIPS) ships[s] = num(r?.[s]);
  return ships;
}

const FLEET_KINDS = ['patrol', 'salvage', 'expedition', 'raid'] as const;
const FLEET_STATUSES = ['outbound', 'fighting', 'returning'] as const;

/**
 * The room sends fleets as a map by id, flattened (the mission's kind/target/title/distance on the fleet,
 * no pirates or reward: the client is not told what waits out there). Oldest first, like the rules keep them.
 */
function fleets(v: unknown): FleetInFlight[] {
  const r = record(v);
  if (!r) return [];
  return Object.values(r)
    .flatMap((entry): FleetInFlight[] => {
      const f = record(entry);
      if (!f || !(FLEET_KINDS as readonly unknown[]).includes(f.kind) || !(FLEET_STATUSES as readonly unknown[]).includes(f.status)) return [];
      return [
        {
          id: str(f.id),
          mission: { kind: f.kind as FleetInFlight['mission']['kind'], target: str(f.target), title: str(f.title), distance: num(f.distance), pirates: {}, reward: { ...NO_COST } },
          status: f.status as FleetInFlight['status'],
          ships: shipCounts(f),
          cargo: costFrom(f, CARGO_FIELDS),
          departAt: num(f.departAt),
          arriveAt: num(f.arriveAt),
          returnAt: num(f.returnAt) > 0 ? num(f.returnAt) : null,
          battleId: str(f.battleId) || null,
        },
      ];
    })
    .sort((a, b) => a.departAt - b.departAt);
}

/**
 * Raids on the starbase being fought right now, oldest first. A list (or a map by battle id, whichever the
 * server's schema is); entries without a battle id are dropped, and an older server without the field gives [].
 */
function defenses(v: unknown): Defense[] {
  const entries = Array.isArray(v) ? v : record(v) ? Object.values(record(v)!) : [];
  return entries
    .flatMap((entry): Defense[] => {
      const d = record(entry);
      const battleId = str(d?.battleId);
      return battleId ? [{ battleId, attackerName: str(d?.attackerName), startedAt: num(d?.startedAt) }] : [];
    })
    .sort((a, b) => a.startedAt - b.startedAt);
}

/**
 * Converts a room state snapshot into a `TownView`, or null while the state is still empty (before the
 * first patch). Missing numbers become 0 rather than NaN, so one odd field cannot blank the page.
 */
export function toTownView(raw: RawTownState | null | undefined): TownView | null {
  // the first patch brings the whole state at once; before it, not even the town's id is there
  if (!raw || typeof raw.townId !== 'string' || raw.townId === '') return null;
  const stocks = {} as Record<ResourceId, Stock>;
  for (const r of RESOURCES) {
    const fields = STOCK_FIELDS[r];
    stocks[r] = { amount: num(raw[fields.amount]), rate: num(raw[fields.rate]), cap: num(raw[fields.cap]) };
  }
  const buildings = {} as Record<BuildingId, number>;
  for (const b of BUILDINGS) buildings[b] = num(raw[LEVEL_FIELDS[b]]);
  return {
    meta: { townId: str(raw.townId), name: str(raw.name), ownerId: str(raw.ownerId), ownerName: str(raw.ownerName) },
    town: {
      foundedAt: num(raw.foundedAt),
      speed: num(raw.speed, 1),
      since: num(raw.since),
      stocks,
      buildings,
      upgrade: upgrade(raw.upgrade),
      ships: shipCounts(raw),
      shipyard: shipyard(raw.shipyard),
      // only the server places orders; a client never needs the serial
      shipOrderSerial: 0,
      // the server keeps which outside results it applied to itself; clients never need them
      applied: [],
      missionsTaken: Array.isArray(raw.missionsTaken) ? raw.missionsTaken.filter((id): id is string => typeof id === 'string') : [],
      fleets: fleets(raw.fleets),
      defenses: defenses(raw.defenses),
      // what the starbase destroyed counts for points, which the galaxy and the leaderboard show; not sent here
      destroyed: 0,
    },
    energy: { supply: num(raw.energySupply), use: num(raw.energyUse) },
  };
}

/**
 * `next`, but reusing every part of `previous` that is deeply equal, so selectors that pick an
 * unchanged part (say, `town.buildings`) get the same reference and their components do not re-render.
 */
export function shareEqual<T>(previous: T, next: T): T {
  if (Object.is(previous, next)) return previous;
  if (typeof previous !== 'object' || typeof next !== 'object' || previous === null || next === null) return next;
  if (Array.isArray(previous) !== Array.isArray(next)) return next;
  const prev = previous as Record<string, unknown>;
  const nxt = next as Record<string, unknown>;
  const keys = Object.keys(nxt);
  let same = keys.length === Object.keys(prev).length;
  const out: Record<string, unknown> = Array.isArray(next) ? ([] as unknown as Record<string, unknown>) : {};
  for (const key of keys) {
    const shared = key in prev ? shareEqual(prev[key], nxt[key]) : nxt[key];
    if (shared !== prev[key]) same = false;
    out[key] = shared;
  }
  return same ? previous : (out as T);
}
