import { ArraySchema, MapSchema, Schema, type } from '@colyseus/schema';
import type { ChatChannel, ChatLine, GalaxyState as GalaxyStateShape, GalaxyTown } from '@starscape/shared';

/** A starbase as everyone may see it: public facts only (never resources, ships or fleets). */
export class GalaxyTownState extends Schema implements GalaxyTown {
  @type('string') townId = '';
  @type('string') name = '';
  @type('string') ownerId = '';
  @type('string') ownerName = '';
  @type('uint8') slot = 0;
  @type('uint32') points = 0;
  @type('boolean') online = false;
  @type('float64') protectedUntil = 0;
}

export class ChatLineState extends Schema implements ChatLine {
  @type('string') id = '';
  @type('string') channel: ChatChannel = 'sector';
  @type('string') authorId = '';
  @type('string') authorName = '';
  @type('string') text = '';
  @type('float64') sentAt = 0;
}

/** The galaxy room's state (shape documented by `GalaxyState` in shared/). */
export class GalaxyState extends Schema implements GalaxyStateShape {
  @type('uint32') sector = 0;
  @type('uint32') sectorCount = 0;
  @type({ map: GalaxyTownState }) towns = new MapSchema<GalaxyTownState>();
  @type([ChatLineState]) sectorChat = new ArraySchema<ChatLineState>();
  @type([ChatLineState]) galaxyChat = new ArraySchema<ChatLineState>();
}
