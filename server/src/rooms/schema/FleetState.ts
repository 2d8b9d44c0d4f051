import { Schema, type } from '@colyseus/schema';

/** A fleet away from the starbase (what the owner and visitors see of it); ships aboard and cargo as flat fields. */
export class FleetState extends Schema {
  @type('string') id = '';
  /** patrol, salvage, expedition or raid */
  @type('string') kind = '';
  /** board mission id, or the raided town's id */
  @type('string') target = '';
  @type('string') title = '';
  @type('float64') distance = 0;
  /** outbound, fighting or returning */
  @type('string') status = '';
  // ships aboard by type
  @type('uint32') scout = 0;
  @type('uint32') fighter = 0;
  @type('uint32') frigate = 0;
  @type('uint32') cruiser = 0;
  @type('uint32') hauler = 0;
  // what it carries home
  @type('float64') cargoMetal = 0;
  @type('float64') cargoCrystal = 0;
  @type('float64') cargoFuel = 0;
  @type('float64') departAt = 0;
  @type('float64') arriveAt = 0;
  /** 0 until it turns home */
  @type('float64') returnAt = 0;
  /** set while fighting and after: the battle to watch or replay */
  @type('string') battleId = '';
}
