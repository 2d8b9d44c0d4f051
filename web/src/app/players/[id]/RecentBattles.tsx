import Link from 'next/link';
import { LocalTime } from '../../../battle/LocalTime';
import { BATTLE_KIND_LABEL, type SideResult } from '../../../battle/report';
import reports from '../../../battle/reports.module.css';
import type { ProfileBattle } from '../../../server/profiles';
import styles from '../../leaderboard/leaderboard.module.css';

/** Told about the player, not the reader: the same words for whoever opens the profile. */
const RESULT_WORD: Record<SideResult, string> = { victory: 'Won', defeat: 'Lost', draw: 'Draw' };

/** A player's last battles: how each ended for them, what it was, against whom, when; each opens its report. */
export function RecentBattles({ battles }: { battles: readonly ProfileBattle[] }) {
  if (battles.length === 0) {
    return (
      <section className="panel">
        <p className={styles.quiet}>No battles yet. Patrols, expeditions and raids this commander fights will show up here.</p>
      </section>
    );
  }
  return (
    <section className="panel">
      <ol className={styles.battles} aria-label="Recent battles, newest first">
        {battles.map((battle) => {
          const kind = battle.kind ? BATTLE_KIND_LABEL[battle.kind] : 'Battle';
          const state = battle.status === 'running' ? 'running' : (battle.result ?? 'unknown');
          return (
            <li key={battle.id}>
              <Link href={`/battles/${encodeURIComponent(battle.id)}`} className={styles.battle} aria-label={`${kind} against ${battle.opponentName}: open the report`}>
                <span className={styles.battleResult}>
                  <span className={reports.result} data-result={state}>
                    {battle.status === 'running' ? 'In progress' : battle.result ? RESULT_WORD[battle.result] : 'Unknown'}
                  </span>
                </span>
                <span className={`${reports.kind} ${styles.battleKind}`}>{kind}</span>
                <span className={styles.battleVs}>
                  {battle.side === 'defender' ? 'defending against' : 'vs'} <strong>{battle.opponentName}</strong>
                </span>
                <span className={styles.battleWhen}>
                  <LocalTime ms={battle.startedAt} relativeFirst />
                </span>
                <span className={styles.battleOpen} aria-hidden="true">
                  {battle.status === 'running' ? 'Watch live' : 'Report'} →
                </span>
              </Link>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
