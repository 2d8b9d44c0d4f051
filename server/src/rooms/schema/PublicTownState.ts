import { Schema, type } from '@colyseus/schema';

/**
 * The public starbase: what anyone who visits a town sees, the same facts the galaxy shows (its name,
 * commander, founding, building levels and energy). `TownState` extends it with what only the owner sees, so
 * these fields come first on the wire, and a visitor's client decodes this part with the town host's type (`TownState`).
 * Written from the plain `Town` by `writeTownState` and nowhere else.
 */
export class PublicTownState extends Schema {
  @type('string') townId = '';
  @type('string') name = '';
  @type('string') ownerId = '';
  @type('string') ownerName = '';
  @type('float64') foundedAt = 0;
  @type('float64') speed = 1;
  /** the moment the stocks' amounts refer to; clients compute the live value from (amount, rate, since, cap) */
  @type('float64') since = 0;

  // building levels (0: not built)
  @type('uint8') metalMineLevel = 0;
  @type('uint8') crystalMineLevel = 0;
  @type('uint8') fuelRefineryLevel = 0;
  @type('uint8') solarPlantLevel = 0;
  @type('uint8') storageLevel = 0;
  @type('uint8') commandCenterLevel = 0;
  @type('uint8') shipyardLevel = 0;
  @type('uint8') defenseGridLevel = 0;

  @type('uint32') energySupply = 0;
  @type('uint32') energyUse = 0;
}
