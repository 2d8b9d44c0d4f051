import { ArraySchema } from '@colyseus/schema';
import { BUILDINGS, RESOURCES, SHIPS, energyBalance, type Cost, type Town } from '@starscape/shared';
import type { CostState } from './CostState';
import { DefenseState } from './DefenseState';
import { FleetState } from './FleetState';
import { ShipyardOrderState } from './ShipyardOrderState';
import { StockState } from './StockState';
import type { TownState } from './TownState';
import { UpgradeJobState } from './UpgradeJobState';

/** Assigns only what differs, so a patch carries exactly the fields that changed. */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  if (target[key] !== value) target[key] = value;
}

function writeCost(target: CostState, cost: Cost): void {
  for (const r of RESOURCES) assign(target, r, cost[r]);
}

/** The one place a plain `Town` is written into schema state. */
export function writeTownState(state: TownState, town: Town): void {
  assign(state, 'foundedAt', town.foundedAt);
  assign(state, 'speed', town.speed);
  assign(state, 'since', town.since);
  for (const r of RESOURCES) {
    let stock = state.stocks.get(r);
    if (!stock) state.stocks.set(r, (stock = new StockState()));
    assign(stock, 'amount', town.stocks[r].amount);
    assign(stock, 'rate', town.stocks[r].rate);
    assign(stock, 'cap', town.stocks[r].cap);
  }
  for (const b of BUILDINGS) {
    if (state.buildings.get(b) !== town.buildings[b]) state.buildings.set(b, town.buildings[b]);
  }
  const job = town.upgrade;
  if (!job) {
    if (state.upgrade) state.upgrade = undefined;
  } else {
    const target = state.upgrade ?? new UpgradeJobState();
    assign(target, 'building', job.building);
    assign(target, 'toLevel', job.toLevel);
    assign(target, 'startedAt', job.startedAt);
    assign(target, 'finishesAt', job.finishesAt);
    writeCost(target.cost, job.cost);
    if (!state.upgrade) state.upgrade = target;
  }
  for (const ship of SHIPS) {
    if (state.ships.get(ship) !== town.ships[ship]) state.ships.set(ship, town.ships[ship]);
  }
  writeShipyard(state.shipyard, town.shipyard);
  // element by element: ArraySchema's splice cannot insert more than it deletes
  while (state.missionsTaken.length > town.missionsTaken.length) state.missionsTaken.pop();
  town.missionsTaken.forEach((id, i) => {
    if (i >= state.missionsTaken.length) state.missionsTaken.push(id);
    else if (state.missionsTaken[i] !== id) state.missionsTaken[i] = id;
  });
  writeFleets(state, town.fleets);
  writeDefenses(state, town.defenses);
  const energy = energyBalance(town.buildings);
  assign(state, 'energySupply', energy.supply);
  assign(state, 'energyUse', energy.use);
}

/** Entries are matched by position: orders mostly leave from the front and join at the back; a cancel in the middle rewrites the few after it. */
function writeShipyard(target: ArraySchema<ShipyardOrderState>, queue: Town['shipyard']): void {
  while (target.length > queue.length) target.shift();
  queue.forEach((order, i) => {
    const existing = target[i];
    const entry = existing ?? new ShipyardOrderState();
    assign(entry, 'id', order.id);
    assign(entry, 'ship', order.ship);
    assign(entry, 'remaining', order.remaining);
    assign(entry, 'unitMs', order.unitMs);
    assign(entry, 'nextAt', order.nextAt);
    writeCost(entry.unitCost, order.unitCost);
    if (!existing) target.push(entry);
  });
}

function writeFleets(state: TownState, fleets: Town['fleets']): void {
  const ids = new Set(fleets.map((f) => f.id));
  for (const id of [...state.fleets.keys()]) if (!ids.has(id)) state.fleets.delete(id);
  for (const fleet of fleets) {
    const existing = state.fleets.get(fleet.id);
    const entry = existing ?? new FleetState();
    assign(entry, 'id', fleet.id);
    assign(entry, 'kind', fleet.mission.kind);
    assign(entry, 'target', fleet.mission.target);
    assign(entry, 'title', fleet.mission.title);
    assign(entry, 'distance', fleet.mission.distance);
    assign(entry, 'status', fleet.status);
    for (const ship of SHIPS) if (entry.ships.get(ship) !== fleet.ships[ship]) entry.ships.set(ship, fleet.ships[ship]);
    writeCost(entry.cargo, fleet.cargo);
    assign(entry, 'departAt', fleet.departAt);
    assign(entry, 'arriveAt', fleet.arriveAt);
    assign(entry, 'returnAt', fleet.returnAt ?? 0);
    assign(entry, 'battleId', fleet.battleId ?? '');
    if (!existing) state.fleets.set(fleet.id, entry);
  }
}

function writeDefenses(state: TownState, defenses: Town['defenses']): void {
  const ids = new Set(defenses.map((d) => d.battleId));
  for (const id of [...state.defenses.keys()]) if (!ids.has(id)) state.defenses.delete(id);
  for (const defense of defenses) {
    if (state.defenses.has(defense.battleId)) continue; // a defense never changes while it lasts
    const entry = new DefenseState();
    entry.battleId = defense.battleId;
    entry.attackerName = defense.attackerName;
    entry.startedAt = defense.startedAt;
    state.defenses.set(defense.battleId, entry);
  }
}
