import {
  SHIPS,
  STEPS_PER_SECOND,
  type BattleOutcome,
  type BattleSide,
  type BattleState,
  type BattleWinner,
  type CombatOrder,
  type Cost,
  type ShipId,
  type StoredBattleOutcome,
} from '@starscape/shared';

/** A battle report as the pages show it: plain data, built on the server from a `Battle` row. */

export type BattleKind = 'patrol' | 'expedition' | 'raid';

export const BATTLE_KIND_LABEL: Record<BattleKind, string> = { patrol: 'Patrol', expedition: 'Expedition', raid: 'Raid' };

/** How a battle ended for one side. */
export type SideResult = 'victory' | 'defeat' | 'draw';

/** One side of a battle: a player's starbase, or pirates. */
export interface BattleParty {
  side: BattleSide;
  /** "Nova's Starbase", "Pirates", "Pirate ambush" */
  name: string;
  townId: string | null;
}

/** The resources the winner carried off: none (not won), known, or won but not on record any more. */
export type LootInfo = { kind: 'none' } | { kind: 'known'; cargo: Cost } | { kind: 'unknown' };

export interface BattleReport {
  id: string;
  /** null when the stored kind is not one this version knows */
  kind: BattleKind | null;
  status: 'running' | 'finished';
  /** ms since the epoch */
  startedAt: number;
  finishedAt: number | null;
  attacker: BattleParty;
  defender: BattleParty;
  /** the side of the player looking at it, or null when none of their starbases took part */
  viewerSide: BattleSide | null;
  /** null while running, or when the stored outcome cannot be read (then `problem` says so) */
  outcome: StoredBattleOutcome | null;
  /** why part of the record cannot be shown; null when it is sound */
  problem: string | null;
  loot: LootInfo;
}

/** What the replay needs: the record's initial state and orders, already validated with the shared schemas. */
export interface BattleReplayData {
  initial: BattleState;
  orders: CombatOrder[];
  seed: number;
}

export interface BattleDetail {
  report: BattleReport;
  /** null when the battle cannot be replayed (still running, or a damaged record: see `replayProblem`) */
  replay: BattleReplayData | null;
  replayProblem: string | null;
}

/** The result for `side` of a battle won by `winner` (null while it runs). */
export function resultFor(winner: BattleWinner | null, side: BattleSide): SideResult | null {
  if (winner === null) return null;
  if (winner === 'draw') return 'draw';
  return winner === side ? 'victory' : 'defeat';
}

export const RESULT_LABEL: Record<SideResult, string> = { victory: 'Victory', defeat: 'Defeat', draw: 'Draw' };

/** The side the report is told from: the viewer's, else the attacker's (a spectator reads it as the attacker's story). */
export function perspective(report: BattleReport): BattleSide {
  return report.viewerSide ?? 'attacker';
}

export function otherSide(side: BattleSide): BattleSide {
  return side === 'attacker' ? 'defender' : 'attacker';
}

/** The headline of a report: "Victory", "Defeat", "Draw" for a player who fought; "Attacker victory"... for others. */
export function headline(report: BattleReport): string {
  if (report.status === 'running') return 'In progress';
  const winner = report.outcome?.winner ?? null;
  if (winner === null) return 'Unknown result';
  if (report.viewerSide) return RESULT_LABEL[resultFor(winner, report.viewerSide)!];
  return winner === 'draw' ? 'Draw' : `${winner === 'attacker' ? report.attacker.name : report.defender.name} won`;
}

/** One ship type's fate on one side: brought = lost + escaped + survived. */
export interface ShipTally {
  ship: ShipId;
  brought: number;
  lost: number;
  escaped: number;
  survived: number;
}

/** Per ship type present on `side`, in table order (types it did not bring are left out). */
export function tallies(outcome: BattleOutcome, side: BattleSide): ShipTally[] {
  const rows: ShipTally[] = [];
  for (const ship of SHIPS) {
    const lost = outcome.losses[side][ship];
    const escaped = outcome.escaped[side][ship];
    const survived = outcome.survivors[side][ship];
    const brought = lost + escaped + survived;
    if (brought > 0) rows.push({ ship, brought, lost, escaped, survived });
  }
  return rows;
}

/** Totals of a side's tallies. */
export function sideTotals(outcome: BattleOutcome, side: BattleSide): Omit<ShipTally, 'ship'> {
  const total = { brought: 0, lost: 0, escaped: 0, survived: 0 };
  for (const row of tallies(outcome, side)) {
    total.brought += row.brought;
    total.lost += row.lost;
    total.escaped += row.escaped;
    total.survived += row.survived;
  }
  return total;
}

/** A battle's length in simulated time: "45s", "2m 05s". */
export function formatBattleDuration(steps: number): string {
  const total = Math.max(0, Math.round(steps / STEPS_PER_SECOND));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? `${minutes}m ${String(seconds).padStart(2, '0')}s` : `${seconds}s`;
}

/**
 * Whether a replayed outcome is the recorded one: same winner, same length, same survivors, losses and escapes
 * for every side and type, same turrets. Returns the first difference found, or null when they agree.
 */
export function outcomeDifference(replayed: BattleOutcome, recorded: BattleOutcome): string | null {
  if (replayed.winner !== recorded.winner) return `winner: replay ${replayed.winner ?? 'none'}, record ${recorded.winner ?? 'none'}`;
  if (replayed.steps !== recorded.steps) return `length: replay ${replayed.steps} steps, record ${recorded.steps}`;
  for (const key of ['survivors', 'losses', 'escaped'] as const) {
    for (const side of ['attacker', 'defender'] as const) {
      for (const ship of SHIPS) {
        const a = replayed[key][side][ship];
        const b = recorded[key][side][ship];
        if (a !== b) return `${side} ${ship} ${key}: replay ${a}, record ${b}`;
      }
    }
  }
  if (replayed.turrets.total !== recorded.turrets.total || replayed.turrets.destroyed !== recorded.turrets.destroyed) {
    return `turrets destroyed: replay ${replayed.turrets.destroyed}/${replayed.turrets.total}, record ${recorded.turrets.destroyed}/${recorded.turrets.total}`;
  }
  return null;
}
