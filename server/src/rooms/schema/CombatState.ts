import { ArraySchema, MapSchema, Schema, type } from '@colyseus/schema';
import type { BattleSide, CombatStatus, CombatUnitType, LiveBattleOrder, LiveBattleShip, LiveBattleSide, LiveBattleState } from '@starscape/shared';

/**
 * The combat room's state (shape documented by `LiveBattleState` in shared/). Written only by
 * `writeCombatState`, a few times a second; a field is sent when it changed since the last patch, so a ship
 * standing still and unhurt costs nothing.
 */
export class CombatShipState extends Schema implements LiveBattleShip {
  @type('uint16') id = 0;
  @type('string') side: BattleSide = 'attacker';
  @type('string') type: CombatUnitType = 'fighter';
  @type('uint16') x = 0;
  @type('uint16') y = 0;
  @type('number') hull = 0;
  @type('uint32') maxHull = 0;
  @type('number') shield = 0;
  @type('uint32') maxShield = 0;
  @type('int16') target = -1;
  @type('string') status: CombatStatus = 'active';
}

export class CombatSideState extends Schema implements LiveBattleSide {
  @type('string') townId = '';
  @type('string') name = '';
  @type('boolean') retreating = false;
  @type('int16') focus = -1;
}

export class CombatOrderState extends Schema implements LiveBattleOrder {
  @type('uint16') step = 0;
  @type('string') side: BattleSide = 'attacker';
  @type('string') kind: LiveBattleOrder['kind'] = 'engage';
  @type('int16') targetId = -1;
}

export class CombatState extends Schema implements LiveBattleState {
  @type('string') battleId = '';
  @type('string') kind = '';
  @type('float64') startedAt = 0;
  @type('uint16') stepMs = 100;
  @type('uint16') step = 0;
  @type('uint16') maxSteps = 0;
  @type('string') winner = '';
  @type('uint32') width = 0;
  @type('uint32') height = 0;
  @type(CombatSideState) attacker = new CombatSideState();
  @type(CombatSideState) defender = new CombatSideState();
  @type({ map: CombatShipState }) ships = new MapSchema<CombatShipState>();
  @type([CombatOrderState]) orders = new ArraySchema<CombatOrderState>();
}
