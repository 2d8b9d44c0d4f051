import Link from 'next/link';
import { LocalTime } from './LocalTime';
import { BATTLE_KIND_LABEL, formatBattleDuration, otherSide, perspective, resultFor, type BattleReport } from './report';
import { LootView, LossChips, ResultBadge } from './ReportParts';
import styles from './reports.module.css';

/** One row of the battle log: result, what and against whom, when, losses on both sides, loot, length. */
export function BattleReportCard({ report }: { report: BattleReport }) {
  const mine = perspective(report);
  const theirs = otherSide(mine);
  const opponent = report[theirs];
  const result = report.outcome ? resultFor(report.outcome.winner, mine) : report.status === 'running' ? 'running' : 'unknown';
  return (
    <li className={styles.card} data-result={result ?? 'unknown'}>
      <Link href={`/battles/${encodeURIComponent(report.id)}`} className={styles.cardLink} aria-label={`${report.kind ? BATTLE_KIND_LABEL[report.kind] : 'Battle'} against ${opponent.name}: open the report and replay`}>
        <div className={styles.cardTop}>
          <ResultBadge report={report} />
          <span className={styles.kind}>{report.kind ? BATTLE_KIND_LABEL[report.kind] : 'Battle'}</span>
          <span className={styles.vs}>
            vs <strong>{opponent.name}</strong>
          </span>
          <span className={styles.when}>
            <LocalTime ms={report.startedAt} relativeFirst />
          </span>
        </div>
        {report.problem && <p className={styles.problem}>{report.problem}</p>}
        {report.outcome && (
          <div className={styles.cardBody}>
            <div className={styles.side}>
              <span className={styles.sideLabel} data-side={mine}>
                {report.viewerSide ? 'Your losses' : `${report[mine].name} losses`}
              </span>
              <LossChips outcome={report.outcome} side={mine} />
            </div>
            <div className={styles.side}>
              <span className={styles.sideLabel} data-side={theirs}>
                {opponent.townId === null ? `${opponent.name} losses` : 'Enemy losses'}
              </span>
              <LossChips outcome={report.outcome} side={theirs} />
            </div>
            <div className={styles.facts}>
              <div>
                <span className={styles.factLabel}>{report.viewerSide === 'defender' ? 'Plundered' : 'Loot'}</span>
                <LootView loot={report.loot} compact lost={report.viewerSide === 'defender'} />
              </div>
              <div>
                <span className={styles.factLabel}>Length</span>
                <span className="num">{formatBattleDuration(report.outcome.steps)}</span>
              </div>
            </div>
          </div>
        )}
        <span className={styles.watch} aria-hidden="true">
          {report.status === 'running' || report.problem ? 'Open report' : 'Watch replay'} →
        </span>
      </Link>
    </li>
  );
}
