import { SHIPS, type ShipId } from '../content/ships';
import { type BattleSide, type BattleState, type BattleWinner } from './Battle';

/** Ships of each type, per side. */
export type SideCounts = Record<BattleSide, Record<ShipId, number>>;

/** How a battle went. For every side and type: survivors + losses + escaped = the ships it brought. */
export interface BattleOutcome {
  /** null while the battle still runs (the counts are then the standing so far) */
  winner: BattleWinner | null;
  /** steps simulated (÷ STEPS_PER_SECOND for seconds) */
  steps: number;
  /** still in the arena at the end; for the winner, these carry the loot home */
  survivors: SideCounts;
  /** destroyed */
  losses: SideCounts;
  /** left the arena over their own edge after a retreat order: they survive and fly home, without loot */
  escaped: SideCounts;
  /** the defense grid's turret platforms (not ships: they never leave the starbase) */
  turrets: { total: number; destroyed: number };
}

function emptyCounts(): SideCounts {
  const none = () => Object.fromEntries(SHIPS.map((s) => [s, 0])) as Record<ShipId, number>;
  return { attacker: none(), defender: none() };
}

/** The result of `state`, counted from its ships. */
export function outcome(state: BattleState): BattleOutcome {
  const survivors = emptyCounts();
  const losses = emptyCounts();
  const escaped = emptyCounts();
  const turrets = { total: 0, destroyed: 0 };
  for (const s of state.ships) {
    if (s.type === 'turret') {
      turrets.total++;
      if (s.status === 'destroyed') turrets.destroyed++;
      continue;
    }
    const counts = s.status === 'active' ? survivors : s.status === 'destroyed' ? losses : escaped;
    counts[s.side][s.type]++;
  }
  return { winner: state.winner, steps: state.step, survivors, losses, escaped, turrets };
}

/** The ships each side brought (turrets excluded). */
export function initialFleets(state: BattleState): SideCounts {
  const counts = emptyCounts();
  for (const s of state.ships) if (s.type !== 'turret') counts[s.side][s.type]++;
  return counts;
}
