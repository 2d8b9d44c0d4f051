import {
  BUILDINGS,
  CARGO_FIELDS,
  LEVEL_FIELDS,
  RESOURCES,
  SHIPS,
  STOCK_FIELDS,
  UNIT_COST_FIELDS,
  UPGRADE_COST_FIELDS,
  type Cost,
  type FleetInFlight,
  type ResourceId,
  type Town,
} from '@starscape/shared';
import type { RawTownState } from '../roomState';

const flatCost = (cost: Cost, fields: { readonly [R in ResourceId]: string }) => Object.fromEntries(RESOURCES.map((r) => [fields[r], cost[r]]));

/** A fleet as the town room's state sends it: the mission flattened onto the fleet, ships and cargo as fields. */
export function rawFleet(fleet: FleetInFlight): Record<string, unknown> {
  return {
    id: fleet.id,
    kind: fleet.mission.kind,
    target: fleet.mission.target,
    title: fleet.mission.title,
    distance: fleet.mission.distance,
    status: fleet.status,
    ...fleet.ships,
    ...flatCost(fleet.cargo, CARGO_FIELDS),
    departAt: fleet.departAt,
    arriveAt: fleet.arriveAt,
    returnAt: fleet.returnAt ?? 0,
    battleId: fleet.battleId ?? '',
  };
}

/**
 * What `room.state.toJSON()` gives for `town` (server/src/rooms/schema/writeTownState.ts writes the same
 * fields): the flat stock, level, ship and cost fields, the shipyard queue, and `upgrade`, fleets, raids and missions taken absent when there are none.
 */
export function rawTownState(town: Town, meta = { townId: 't1', name: "Nova's Starbase", ownerId: 'u1', ownerName: 'Nova' }): RawTownState {
  const raw: RawTownState = { ...meta, foundedAt: town.foundedAt, speed: town.speed, since: town.since, energySupply: 0, energyUse: 0 };
  for (const r of RESOURCES) {
    raw[STOCK_FIELDS[r].amount] = town.stocks[r].amount;
    raw[STOCK_FIELDS[r].rate] = town.stocks[r].rate;
    raw[STOCK_FIELDS[r].cap] = town.stocks[r].cap;
  }
  for (const b of BUILDINGS) raw[LEVEL_FIELDS[b]] = town.buildings[b];
  for (const s of SHIPS) raw[s] = town.ships[s];
  if (town.upgrade) {
    const { cost, ...job } = town.upgrade;
    raw.upgrade = { ...job, ...flatCost(cost, UPGRADE_COST_FIELDS) };
  }
  raw.shipyard = town.shipyard.map(({ unitCost, ...order }) => ({ ...order, ...flatCost(unitCost, UNIT_COST_FIELDS) }));
  // these lists are absent while empty
  if (town.missionsTaken.length > 0) raw.missionsTaken = [...town.missionsTaken];
  if (town.fleets.length > 0) raw.fleets = Object.fromEntries(town.fleets.map((f) => [f.id, rawFleet(f)]));
  if (town.defenses.length > 0) raw.defenses = Object.fromEntries(town.defenses.map((d) => [d.battleId, { ...d }]));
  return raw;
}
