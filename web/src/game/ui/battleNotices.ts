import type { FleetInFlight, Town } from '@starscape/shared';

/** A battle the player takes part in right now, worth a "Watch" link wherever they are in the game. */
export interface BattleNotice {
  battleId: string;
  /** the starbase is being raided, or one of its fleets is fighting */
  kind: 'defense' | 'fleet';
  /** "Your starbase is under attack by Orion's Starbase" */
  text: string;
  /** the mission's title for a fleet ("Chase off raiders"); '' for a raid on the starbase */
  detail: string;
  /** when it began (ms epoch, server clock) */
  since: number;
}

const FLEET_NAME: Record<FleetInFlight['mission']['kind'], string> = { patrol: 'patrol', salvage: 'salvage', expedition: 'expedition', raid: 'raiding' };

/**
 * The battles to announce: raids on the starbase first (the more urgent), then fleets in battle, each group oldest
 * first. A fleet is in battle from the moment its status is `fighting` with a battle id until it turns home.
 */
export function battleNotices(town: Pick<Town, 'defenses' | 'fleets'>): BattleNotice[] {
  const seen = new Set<string>();
  const notices: BattleNotice[] = [];
  const add = (notice: BattleNotice) => {
    if (seen.has(notice.battleId)) return;
    seen.add(notice.battleId);
    notices.push(notice);
  };
  for (const d of [...town.defenses].sort((a, b) => a.startedAt - b.startedAt)) {
    add({ battleId: d.battleId, kind: 'defense', text: `Your starbase is under attack by ${d.attackerName || 'raiders'}`, detail: '', since: d.startedAt });
  }
  const fighting = town.fleets.filter((f) => f.status === 'fighting' && f.battleId).sort((a, b) => a.arriveAt - b.arriveAt);
  for (const f of fighting) {
    add({ battleId: f.battleId!, kind: 'fleet', text: `Your ${FLEET_NAME[f.mission.kind]} fleet is in battle`, detail: f.mission.title, since: f.arriveAt });
  }
  return notices;
}
