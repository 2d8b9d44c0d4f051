import { Schema, type } from '@colyseus/schema';

/** The running building upgrade (times in ms since the epoch, server clock); its cost as flat fields. */
export class UpgradeJobState extends Schema {
  @type('string') building = '';
  @type('uint8') toLevel = 0;
  @type('float64') startedAt = 0;
  @type('float64') finishesAt = 0;
  @type('float64') costMetal = 0;
  @type('float64') costCrystal = 0;
  @type('float64') costFuel = 0;
}
