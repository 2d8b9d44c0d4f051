import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BattleReplay } from '../../../battle/BattleReplay';
import { CopyLinkButton } from '../../../battle/CopyLinkButton';
import { LiveBattle } from '../../../battle/LiveBattle';
import { LocalTime } from '../../../battle/LocalTime';
import { BATTLE_KIND_LABEL, formatBattleDuration, headline, otherSide, perspective, resultFor, sideTotals } from '../../../battle/report';
import { ForcesTable, LootView } from '../../../battle/ReportParts';
import styles from '../../../battle/reports.module.css';
import { loadBattle, playerTownIds } from '../../../server/battles';
import { db } from '../../../server/db';
import { requireUser } from '../../../server/session';

export const metadata: Metadata = { title: 'Battle report' };

/**
 * One battle: while it is fought, the live view (its combat room, with orders for its commanders); once it is
 * over, its report and a replay re-simulated in the browser from the record. Any signed-in player may open
 * any battle by its id (battles are public, like a shared replay link); it is told from the viewer's side when
 * one of their starbases fought in it.
 */
export default async function BattlePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/battles/${encodeURIComponent(id)}`);
  const prisma = db();
  const detail = await loadBattle(prisma, id, await playerTownIds(prisma, user.id));
  if (!detail) notFound();
  const { report, replay, replayProblem } = detail;
  const mine = perspective(report);
  const names = { attacker: report.attacker.name, defender: report.defender.name };
  const kind = report.kind ? BATTLE_KIND_LABEL[report.kind] : 'Battle';
  // coloured only for a player who fought: a spectator reads it neutrally
  const result = report.outcome && report.viewerSide ? resultFor(report.outcome.winner, report.viewerSide) : null;

  return (
    <div className={`container ${styles.page}`}>
      <Link href="/battles" className={styles.back}>
        ← All battle reports
      </Link>
      <header className={styles.reportHead}>
        <div className={styles.reportTitle}>
          <span className="eyebrow">{kind}</span>
          {report.viewerSide ? (
            <h1>
              <span className={styles.headline} data-result={result ?? 'unknown'}>
                {headline(report)}
              </span>
              <span className={styles.versus}>vs {report[otherSide(mine)].name}</span>
            </h1>
          ) : (
            <h1>
              <span>{names.attacker}</span>
              <span className={styles.versus}>vs {names.defender}</span>
            </h1>
          )}
          <div className={styles.reportMeta}>
            <span>
              <LocalTime ms={report.startedAt} />
            </span>
            {report.outcome && <span>{formatBattleDuration(report.outcome.steps)} of battle</span>}
            {!report.viewerSide && <span>{headline(report)} · you did not fight in it</span>}
          </div>
        </div>
        <div className={styles.reportActions}>
          <CopyLinkButton />
        </div>
      </header>
      <p className={styles.publicNote}>
        {report.status === 'running'
          ? 'Battles are public: anyone signed in can watch this one live with the link.'
          : 'Battles are public: anyone signed in can open this report and its replay with the link.'}
      </p>

      {report.problem && <p className={`${styles.problem} ${styles.reportProblem}`}>{report.problem}</p>}

      {replay ? (
        <BattleReplay initial={replay.initial} orders={replay.orders} recorded={report.outcome} viewerSide={report.viewerSide} names={names} />
      ) : report.status === 'running' ? (
        <LiveBattle battleId={report.id} names={names} viewerSide={report.viewerSide} />
      ) : (
        <section className={`panel ${styles.notice}`} role="alert">
          <span className="eyebrow">Replay unavailable</span>
          <h2>This battle&apos;s record is damaged</h2>
          <p className="muted">{replayProblem ?? 'The record cannot be replayed.'}</p>
        </section>
      )}

      {report.outcome && (
        <div className={styles.sides}>
          {([mine, otherSide(mine)] as const).map((side) => {
            const totals = sideTotals(report.outcome!, side);
            return (
              <section key={side} className={`panel ${styles.sidePanel}`} data-side={side} aria-label={`${report[side].name}, ${side}`}>
                <h2>
                  <span className={styles.sideRole}>{report.viewerSide === side ? `You · ${side}` : side}</span>
                  {report[side].name}
                </h2>
                <ForcesTable outcome={report.outcome!} side={side} />
                <div className={styles.sideFooter}>
                  <span className="muted">
                    {totals.lost} of {totals.brought} ships lost{totals.escaped > 0 ? `, ${totals.escaped} escaped` : ''}
                  </span>
                  {side === 'attacker' && (
                    <span>
                      {report.viewerSide === 'defender' ? 'Plundered' : 'Loot'}: <LootView loot={report.loot} lost={report.viewerSide === 'defender'} />
                    </span>
                  )}
                </div>
              </section>
            );
          })}
        </div>
      )}

      <p className={styles.record}>
        Battle {report.id}
        {replay && ` · seed ${replay.seed} · ${replay.orders.length} ${replay.orders.length === 1 ? 'order' : 'orders'} given`}
      </p>
    </div>
  );
}
