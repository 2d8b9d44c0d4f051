import type { Room } from 'colyseus.js';

/**
 * The part of @colyseus/schema's `TypeContext` this touches. Its class-wide map is reached through the room's own
 * instance, so it is the map of the library copy that decoded the room, however the page was bundled.
 */
interface TypeContextLike {
  schemas: Map<unknown, number>;
  constructor: { inheritedTypes?: Map<unknown, unknown> };
}

/**
 * colyseus.js builds a room's state classes from the server's reflection on every join and reconnection, and
 * @colyseus/schema 3.0 files each class it builds under its parent class in a map of the whole page
 * (`TypeContext.inheritedTypes`, for inheritance) that nothing ever empties: the classes, and the decoded
 * reflection behind them, stay for as long as the tab lives. 129 KB of heap per town room joined, 0.8 KB with
 * this (500 joins in Node; BENCHMARKS.md, session 13). The room's decoder keeps its own list of those classes, so
 * once it exists the page-wide entries serve no one: this removes them. Safe for any room: it only touches the
 * classes of this room's own decoder. `RoomLink` calls it for every room it attaches (all of the page's joins).
 */
export function forgetReflectedTypes(room: Room): void {
  const serializer = room.serializer as { decoder?: { context?: TypeContextLike } } | undefined;
  const context = serializer?.decoder?.context;
  const registry = context?.constructor.inheritedTypes;
  if (!context?.schemas || !registry) return;
  for (const type of context.schemas.keys()) registry.delete(type);
}
