import { SHIPS, SHIP_INFO, type ShipId } from '@starscape/shared';

/** What a set of ships adds up to. */
export interface FleetTotals {
  ships: number;
  /** damage of one volley of every gun */
  attack: number;
  shield: number;
  hull: number;
  cargo: number;
}

/** Sums the ships' stats (missing types count 0; negative or odd counts are ignored). */
export function fleetTotals(ships: Partial<Record<ShipId, number>>): FleetTotals {
  const totals: FleetTotals = { ships: 0, attack: 0, shield: 0, hull: 0, cargo: 0 };
  for (const s of SHIPS) {
    const n = ships[s] ?? 0;
    if (!(n > 0)) continue;
    const info = SHIP_INFO[s];
    totals.ships += n;
    totals.attack += info.attack * n;
    totals.shield += info.shield * n;
    totals.hull += info.hull * n;
    totals.cargo += info.cargo * n;
  }
  return totals;
}
