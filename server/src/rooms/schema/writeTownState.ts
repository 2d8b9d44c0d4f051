import { ArraySchema, MapSchema } from '@colyseus/schema';
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
  energyBalance,
  type Cost,
  type ResourceId,
  type ShipId,
  type Town,
} from '@starscape/shared';
import { DefenseState } from './DefenseState';
import { FleetState } from './FleetState';
import { ShipyardOrderState } from './ShipyardOrderState';
import type { PublicTownState } from './PublicTownState';
import type { TownState } from './TownState';
import { UpgradeJobState } from './UpgradeJobState';

/** Assigns only what differs, so a patch carries exactly the fields that changed. */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  if (target[key] !== value) target[key] = value;
}

function writeCost<T extends object>(target: T, fields: { readonly [R in ResourceId]: keyof T & string }, cost: Cost): void {
  for (const r of RESOURCES) assign(target, fields[r], cost[r] as T[keyof T & string]);
}

function writeShips(target: Record<ShipId, number>, ships: Record<ShipId, number>): void {
  for (const ship of SHIPS) assign(target, ship, ships[ship]);
}

/**
 * The one place a plain `Town` is written into schema state. With `previous` (the town the state shows now),
 * parts that are the same objects in both are skipped: the rules return a new town that shares every part
 * they did not change, so an order or a cancel rewrites the stocks and the queue, not the forty other fields.
 */
export function writeTownState(state: TownState, town: Town, previous?: Town): void {
  writePublicTownState(state, town, previous);
  for (const r of RESOURCES) {
    const stock = town.stocks[r];
    if (stock === previous?.stocks[r]) continue;
    const fields = STOCK_FIELDS[r];
    assign(state, fields.amount, stock.amount);
    assign(state, fields.rate, stock.rate);
    assign(state, fields.cap, stock.cap);
  }
  if (town.upgrade !== previous?.upgrade) writeUpgrade(state, town.upgrade);
  if (town.ships !== previous?.ships) writeShips(state, town.ships);
  if (town.shipyard !== previous?.shipyard) writeShipyard(state, town.shipyard);
  if (town.missionsTaken !== previous?.missionsTaken) writeMissionsTaken(state, town.missionsTaken);
  if (town.fleets !== previous?.fleets) writeFleets(state, town.fleets);
  if (town.defenses !== previous?.defenses) writeDefenses(state, town.defenses);
}

/** The public starbase's part of `town` (what visitors see), as `writeTownState` writes it; `previous` as there. */
export function writePublicTownState(state: PublicTownState, town: Town, previous?: Town): void {
  assign(state, 'foundedAt', town.foundedAt);
  assign(state, 'speed', town.speed);
  assign(state, 'since', town.since);
  if (town.buildings !== previous?.buildings) {
    for (const b of BUILDINGS) assign(state, LEVEL_FIELDS[b], town.buildings[b]);
    const energy = energyBalance(town.buildings);
    assign(state, 'energySupply', energy.supply);
    assign(state, 'energyUse', energy.use);
  }
}

/** Who the town is and who commands it, copied from the owner's state to a visitors' one. */
export function copyTownIdentity(from: PublicTownState, to: PublicTownState): void {
  assign(to, 'townId', from.townId);
  assign(to, 'name', from.name);
  assign(to, 'ownerId', from.ownerId);
  assign(to, 'ownerName', from.ownerName);
}

function writeUpgrade(state: TownState, job: Town['upgrade']): void {
  if (!job) {
    if (state.upgrade) state.upgrade = undefined;
    return;
  }
  const target = state.upgrade ?? new UpgradeJobState();
  assign(target, 'building', job.building);
  assign(target, 'toLevel', job.toLevel);
  assign(target, 'startedAt', job.startedAt);
  assign(target, 'finishesAt', job.finishesAt);
  writeCost(target, UPGRADE_COST_FIELDS, job.cost);
  if (!state.upgrade) state.upgrade = target;
}

/** Spare shipyard entries a town keeps at most: one, for a queue that grows past one order and shrinks again (each costs a live town about 1.3 KB). */
const MAX_SPARE_ORDERS = 1;

/** A queue holds at most 10 orders: a scan, not a `Set` per write. */
function hasOrder(queue: Town['shipyard'], id: number): boolean {
  for (const order of queue) if (order.id === id) return true;
  return false;
}

/**
 * Entries are matched by order id: an order that is gone (built, cancelled) is removed where it is, new orders
 * join at the back, and the rest are left alone, so a patch carries only what changed. The last entry stays
 * when the queue empties, as an empty slot (`EMPTY_SHIPYARD_SLOT`), and the next order is written into it: a
 * queue that empties and fills all day attaches and detaches no schema object. A new order past the slot takes
 * an entry that an earlier write removed (`TownState.spareShipyardOrders`) before it makes one.
 */
function writeShipyard(state: TownState, queue: Town['shipyard']): void {
  const target = state.shipyard;
  const spares = state.spareShipyardOrders;
  let removed: ShipyardOrderState[] | undefined;
  for (let i = target.length - 1; i >= 0; i--) {
    const entry = target[i]!;
    if (entry.id === EMPTY_SHIPYARD_SLOT || hasOrder(queue, entry.id)) continue;
    if (target.length > 1) (removed ??= []).push(...target.splice(i, 1));
    else entry.id = EMPTY_SHIPYARD_SLOT; // the queue's last entry: kept as the slot, its other fields left as they were
  }
  for (let i = 0; i < queue.length; i++) {
    const order = queue[i]!;
    const existing = target[i];
    const entry = existing ?? spares.pop() ?? new ShipyardOrderState();
    assign(entry, 'id', order.id);
    assign(entry, 'ship', order.ship);
    assign(entry, 'remaining', order.remaining);
    assign(entry, 'unitMs', order.unitMs);
    assign(entry, 'nextAt', order.nextAt);
    writeCost(entry, UNIT_COST_FIELDS, order.unitCost);
    if (!existing) target.push(entry);
  }
  // entries removed by this write are spares from the next one on: a client never sees one entry leave and
  // come back in the same patch
  if (removed) for (const entry of removed) if (spares.length < MAX_SPARE_ORDERS) spares.push(entry);
}

/** Absent while empty, like fleets and raids: an empty list still costs a live room its change tracking. */
function writeMissionsTaken(state: TownState, taken: Town['missionsTaken']): void {
  if (taken.length === 0) {
    if (state.missionsTaken) state.missionsTaken = undefined;
    return;
  }
  const list = state.missionsTaken ?? new ArraySchema<string>();
  // element by element: ArraySchema's splice cannot insert more than it deletes
  while (list.length > taken.length) list.pop();
  taken.forEach((id, i) => {
    if (i >= list.length) list.push(id);
    else if (list[i] !== id) list[i] = id;
  });
  if (!state.missionsTaken) state.missionsTaken = list;
}

function writeFleets(state: TownState, fleets: Town['fleets']): void {
  if (fleets.length === 0) {
    if (state.fleets) state.fleets = undefined;
    return;
  }
  const map = state.fleets ?? new MapSchema<FleetState>();
  const ids = new Set(fleets.map((f) => f.id));
  for (const id of [...map.keys()]) if (!ids.has(id)) map.delete(id);
  for (const fleet of fleets) {
    const existing = map.get(fleet.id);
    const entry = existing ?? new FleetState();
    assign(entry, 'id', fleet.id);
    assign(entry, 'kind', fleet.mission.kind);
    assign(entry, 'target', fleet.mission.target);
    assign(entry, 'title', fleet.mission.title);
    assign(entry, 'distance', fleet.mission.distance);
    assign(entry, 'status', fleet.status);
    writeShips(entry, fleet.ships);
    writeCost(entry, CARGO_FIELDS, fleet.cargo);
    assign(entry, 'departAt', fleet.departAt);
    assign(entry, 'arriveAt', fleet.arriveAt);
    assign(entry, 'returnAt', fleet.returnAt ?? 0);
    assign(entry, 'battleId', fleet.battleId ?? '');
    if (!existing) map.set(fleet.id, entry);
  }
  if (!state.fleets) state.fleets = map;
}

function writeDefenses(state: TownState, defenses: Town['defenses']): void {
  if (defenses.length === 0) {
    if (state.defenses) state.defenses = undefined;
    return;
  }
  const map = state.defenses ?? new MapSchema<DefenseState>();
  const ids = new Set(defenses.map((d) => d.battleId));
  for (const id of [...map.keys()]) if (!ids.has(id)) map.delete(id);
  for (const defense of defenses) {
    if (map.has(defense.battleId)) continue; // a defense never changes while it lasts
    const entry = new DefenseState();
    entry.battleId = defense.battleId;
    entry.attackerName = defense.attackerName;
    entry.startedAt = defense.startedAt;
    map.set(defense.battleId, entry);
  }
  if (!state.defenses) state.defenses = map;
}
