import { LocalDriver, type IRoomCache, type RoomCache, type SortOptions } from '@colyseus/core';

const GENERIC = new Set(['name', 'locked', 'private']);

/**
 * Colyseus 0.16's in-process room listing, with a `findOne` that neither copies nor sorts the whole list when
 * no order is asked for (matchmaking passes `{}` for our rooms, and the stock driver sorts anyway): it tests
 * each room's most selective field first (`townId`, `sector`, `roomId`) and returns the first match. At
 * 10,000 rooms the stock `findOne` cost ~1.7 ms of CPU per join and joins stalled (BENCHMARKS.md).
 * With Redis the Redis driver is used instead.
 */
export class FastLocalDriver extends LocalDriver {
  override findOne(conditions: Partial<IRoomCache>, sortOptions?: SortOptions): Promise<RoomCache> {
    if (sortOptions && Object.keys(sortOptions).length > 0) return super.findOne(conditions, sortOptions);
    const keys = Object.keys(conditions).sort((a, b) => Number(GENERIC.has(a)) - Number(GENERIC.has(b)));
    const wanted = conditions as Record<string, unknown>;
    for (const room of this.rooms) {
      const listed = room as unknown as Record<string, unknown>;
      if (keys.every((key) => listed[key] === wanted[key])) return Promise.resolve(room as RoomCache);
    }
    return Promise.resolve(undefined as unknown as RoomCache);
  }
}
