import {
  applyDefenseResult,
  creditDestroyed,
  defenseBegins,
  fleetEntersBattle,
  fleetTurnsHome,
  type Cost,
  type Defense,
  type ShipCounts,
  type Town,
} from '@starscape/shared';

/**
 * Every change made to a town from outside its room, as plain data: it can travel to the process that holds
 * the town's live room (a Colyseus remote room call carries JSON), and each is applied there by the same
 * shared rule as here. Each rule is idempotent, so a change applied twice (a retried event) changes nothing.
 */
export type TownChange =
  /** a fleet's mission is over without a battle, or its battle's result is in: it flies home */
  | { kind: 'fleet-turns-home'; fleetId: string; survivors: ShipCounts; cargo: Cost; at: number }
  /** a fleet arrived where a battle starts */
  | { kind: 'fleet-enters-battle'; fleetId: string; battleId: string }
  /** raiders arrived: the raided town lists the battle while it is fought */
  | { kind: 'defense-begins'; defense: Defense }
  /** a battle's result for the attacking town: kills credited; its fleet (if any) flies home with survivors and loot */
  | { kind: 'attacker-result'; battleId: string; fleetId: string | null; killed: number; survivors: ShipCounts; loot: Cost; endedAt: number }
  /** a raid's result for the raided town: losses and loot taken (not before the battle's end), kills credited */
  | { kind: 'defender-result'; battleId: string; lost: ShipCounts; looted: Cost; killed: number; endedAt: number };

/** Applies `change` to `town` (already advanced to `now`). */
export function applyTownChange(town: Town, change: TownChange, now: number): Town {
  switch (change.kind) {
    case 'fleet-turns-home':
      return fleetTurnsHome(town, change.fleetId, { survivors: change.survivors, cargo: change.cargo }, change.at);
    case 'fleet-enters-battle':
      return fleetEntersBattle(town, change.fleetId, change.battleId);
    case 'defense-begins':
      return defenseBegins(town, change.defense);
    case 'attacker-result': {
      const credited = creditDestroyed(town, change.battleId, change.killed);
      if (!change.fleetId) return credited;
      // a fleet still outbound (its arrival was never handled) enters the battle first, then turns home
      const fighting = fleetEntersBattle(credited, change.fleetId, change.battleId);
      return fleetTurnsHome(fighting, change.fleetId, { survivors: change.survivors, cargo: change.loot }, change.endedAt);
    }
    case 'defender-result': {
      const hit = applyDefenseResult(town, { battleId: change.battleId, lost: change.lost, looted: change.looted }, Math.max(now, change.endedAt));
      return creditDestroyed(hit, change.battleId, change.killed);
    }
  }
}
