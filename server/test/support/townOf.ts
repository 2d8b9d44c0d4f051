import { BUILDINGS, CARGO_FIELDS, LEVEL_FIELDS, RESOURCES, SHIPS, STOCK_FIELDS, UNIT_COST_FIELDS, UPGRADE_COST_FIELDS, townSchema, type Cost, type Town } from '@starscape/shared';

type Plain = Record<string, any>;

const costOf = (plain: Plain, fields: Record<string, string>): Cost => Object.fromEntries(RESOURCES.map((r) => [r, plain[fields[r]!]])) as Cost;

/**
 * A town room's decoded state as the shared `Town`, the way a client mirrors it (the flat fields of
 * shared/src/town/townStateFields.ts back into the rules' shape). `applied` (which outside results the town has
 * taken in) stays on the server, so it comes back empty; fleets and raids are left out.
 */
export function townOf(state: { toJSON(): any }): Town {
  const plain: Plain = state.toJSON();
  return townSchema.parse({
    foundedAt: plain.foundedAt,
    speed: plain.speed,
    since: plain.since,
    stocks: Object.fromEntries(RESOURCES.map((r) => [r, { amount: plain[STOCK_FIELDS[r].amount], rate: plain[STOCK_FIELDS[r].rate], cap: plain[STOCK_FIELDS[r].cap] }])),
    buildings: Object.fromEntries(BUILDINGS.map((b) => [b, plain[LEVEL_FIELDS[b]]])),
    upgrade: plain.upgrade ? { ...pick(plain.upgrade, ['building', 'toLevel', 'startedAt', 'finishesAt']), cost: costOf(plain.upgrade, UPGRADE_COST_FIELDS) } : null,
    ships: Object.fromEntries(SHIPS.map((s) => [s, plain[s]])),
    shipyard: (plain.shipyard as Plain[]).map((o) => ({ ...pick(o, ['id', 'ship', 'remaining', 'unitMs', 'nextAt']), unitCost: costOf(o, UNIT_COST_FIELDS) })),
    missionsTaken: plain.missionsTaken ?? [],
  });
}

const pick = (o: Plain, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));

/** What a fleet in a town room's state carries home, as a `Cost`. */
export function cargoOf(fleet: Plain): Cost {
  return costOf(fleet, CARGO_FIELDS);
}
