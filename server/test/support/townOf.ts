import { townSchema, type Town } from '@starscape/shared';

/** A town room's decoded state as the shared `Town`, the way a client mirrors it. */
export function townOf(state: { toJSON(): any }): Town {
  const plain = state.toJSON();
  return townSchema.parse({
    speed: plain.speed,
    since: plain.since,
    stocks: plain.stocks,
    buildings: plain.buildings,
    upgrade: plain.upgrade ?? null,
  });
}
