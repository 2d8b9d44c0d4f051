import type { Metadata } from 'next';
import Link from 'next/link';
import { BattleReportCard } from '../../battle/BattleReportCard';
import { ShipGlyph } from '../../battle/ShipGlyph';
import styles from '../../battle/reports.module.css';
import { decodeCursor, encodeCursor, listBattleReports, playerTownIds } from '../../server/battles';
import { db } from '../../server/db';
import { requireUser } from '../../server/session';

export const metadata: Metadata = { title: 'Battle reports' };

/** The player's battle log, newest first, 20 a page (`?before=<cursor>` for older ones). Signed-in players only. */
export default async function BattlesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('/battles');
  const { before } = await searchParams;
  const cursor = decodeCursor(typeof before === 'string' ? before : null);
  const prisma = db();
  const { reports, next } = await listBattleReports(prisma, await playerTownIds(prisma, user.id), { before: cursor });

  return (
    <div className={`container ${styles.page}`}>
      <header className={styles.pageHead}>
        <div>
          <span className="eyebrow">Battle log</span>
          <h1>Battle reports</h1>
          <p className="muted">Every fight your fleets have been in, newest first. Open one for the full report and a replay of the battle.</p>
        </div>
        <div className={styles.pageHeadActions}>
          <Link href="/play" className="btn">
            My starbase
          </Link>
        </div>
      </header>

      {reports.length === 0 ? (
        cursor ? (
          <section className={`panel ${styles.empty}`}>
            <h2>No older battles</h2>
            <p className="muted">That is the whole log.</p>
            <Link href="/battles" className="btn">
              Back to the newest
            </Link>
          </section>
        ) : (
          <EmptyLog />
        )
      ) : (
        <>
          <ol className={styles.list} aria-label="Battles, newest first">
            {reports.map((report) => (
              <BattleReportCard key={report.id} report={report} />
            ))}
          </ol>
          <nav className={styles.pager} aria-label="More battles">
            {cursor && (
              <Link href="/battles" className="btn btn-sm">
                ← Newest
              </Link>
            )}
            {next && (
              <Link href={`/battles?before=${encodeURIComponent(encodeCursor(next))}`} className="btn btn-sm">
                Older battles →
              </Link>
            )}
          </nav>
        </>
      )}
    </div>
  );
}

function EmptyLog() {
  return (
    <section className={`panel ${styles.empty}`}>
      <div className={styles.emptyArt} aria-hidden="true">
        <ShipGlyph type="frigate" side="attacker" size={30} />
        <i />
        <ShipGlyph type="fighter" side="defender" size={26} />
      </div>
      <h2>No battles yet</h2>
      <p className="muted">Battles happen when your fleets meet pirates. Every fight is recorded here, ready to be replayed shot by shot.</p>
      <ol className={styles.steps}>
        <li>
          <strong>1. Build ships</strong>
          Fighters and frigates come off your shipyard.
        </li>
        <li>
          <strong>2. Fly a patrol</strong>
          On the game page, send a fleet on a patrol from the mission board.
        </li>
        <li>
          <strong>3. Watch it here</strong>
          When it reaches the pirates, the battle&apos;s report and replay appear in this log.
        </li>
      </ol>
      <Link href="/play" className="btn btn-primary">
        Open my starbase
      </Link>
    </section>
  );
}
