import { townSchema, type Town } from '@starscape/shared';

/**
 * A town room's decoded state as the shared `Town`, the way a client mirrors it. `applied` (which outside
 * results the town has taken in) stays on the server, so it comes back empty.
 */
export function townOf(state: { toJSON(): any }): Town {
  const plain = state.toJSON();
  return townSchema.parse({
    foundedAt: plain.foundedAt,
    speed: plain.speed,
    since: plain.since,
    stocks: plain.stocks,
    buildings: plain.buildings,
    upgrade: plain.upgrade ?? null,
    ships: plain.ships,
    shipyard: plain.shipyard,
    missionsTaken: plain.missionsTaken,
  });
}
