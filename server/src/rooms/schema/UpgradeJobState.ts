import { Schema, type } from '@colyseus/schema';
import { CostState } from './CostState';

/** The running building upgrade (times in ms since the epoch, server clock). */
export class UpgradeJobState extends Schema {
  @type('string') building = '';
  @type('uint8') toLevel = 0;
  @type('float64') startedAt = 0;
  @type('float64') finishesAt = 0;
  @type(CostState) cost = new CostState();
}
