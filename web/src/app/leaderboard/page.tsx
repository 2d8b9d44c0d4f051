import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import reports from '../../battle/reports.module.css';
import { db } from '../../server/db';
import { LEADERBOARD_PAGE_SIZE, loadLeaderboard, parsePage, placeLabel, type LeaderboardRow, type Standing } from '../../server/leaderboard';
import { requireUser } from '../../server/session';
import styles from './leaderboard.module.css';

export const metadata: Metadata = { title: 'Leaderboard' };

const format = (n: number) => n.toLocaleString('en-US');

/** The address of board page `page`, optionally scrolled to the viewer's row. */
function pageHref(page: number, toYou = false): string {
  return `${page > 1 ? `/leaderboard?page=${page}` : '/leaderboard'}${toYou ? '#you' : ''}`;
}

/**
 * Every starbase in the galaxy by points, 25 a page (`?page=N`; a value that is not a page number is not found).
 * Signed-in players only; their own standing sits above the table and their row is marked.
 */
export default async function LeaderboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = parsePage((await searchParams).page);
  const user = await requireUser(pageHref(page ?? 1));
  if (page === null) notFound();
  const board = await loadLeaderboard(db(), page, user.id);

  return (
    <div className={`container ${reports.page}`}>
      <header className={reports.pageHead}>
        <div>
          <span className="eyebrow">Galaxy standings</span>
          <h1>Leaderboard</h1>
          <p className="muted">
            Every starbase in the galaxy, by points: one point for each {format(1000)} resources built into buildings and ships, or shot out of enemy
            fleets in battle.
          </p>
        </div>
        <div className={reports.pageHeadActions}>
          <Link href={`/players/${encodeURIComponent(user.id)}`} className="btn">
            My profile
          </Link>
          <Link href="/play" className="btn">
            My starbase
          </Link>
        </div>
      </header>

      {board.you && <YourStanding you={board.you} total={board.total} onThisPage={board.you.page === board.page} />}

      {board.total === 0 ? (
        <section className={`panel ${reports.empty}`}>
          <h2>The galaxy is empty</h2>
          <p className="muted">No starbase has been founded yet. Found the first one and top the board.</p>
          <Link href="/play" className="btn btn-primary">
            Found my starbase
          </Link>
        </section>
      ) : board.rows.length === 0 ? (
        <section className={`panel ${reports.empty}`}>
          <h2>No page {format(board.page)}</h2>
          <p className="muted">
            The board has {format(board.pageCount)} {board.pageCount === 1 ? 'page' : 'pages'} of {LEADERBOARD_PAGE_SIZE} starbases.
          </p>
          <Link href={pageHref(board.pageCount)} className="btn">
            Go to the last page
          </Link>
        </section>
      ) : (
        <>
          <section className={`panel ${styles.board}`}>
            <table className={styles.table}>
              <caption className="sr-only">
                Starbases by points, page {board.page} of {board.pageCount}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className={styles.rankCell}>
                    Rank
                  </th>
                  <th scope="col">Commander</th>
                  <th scope="col" className={styles.hideNarrow}>
                    Starbase
                  </th>
                  <th scope="col">Location</th>
                  <th scope="col" className={styles.right}>
                    Points
                  </th>
                </tr>
              </thead>
              <tbody>
                {board.rows.map((row) => (
                  <BoardRow key={row.townId} row={row} isYou={row.townId === board.you?.townId} />
                ))}
              </tbody>
            </table>
          </section>
          <Pager page={board.page} pageCount={board.pageCount} />
        </>
      )}
    </div>
  );
}

function YourStanding({ you, total, onThisPage }: { you: Standing; total: number; onThisPage: boolean }) {
  return (
    <section className={`panel ${styles.standing}`} aria-label="Your standing">
      <span className={styles.standingRank}>#{format(you.rank)}</span>
      <p className={styles.standingText}>
        You are <strong>#{format(you.rank)}</strong> of {format(total)} with <strong>{format(you.points)}</strong> {you.points === 1 ? 'point' : 'points'}.
      </p>
      <Link href={pageHref(you.page, true)} className={`btn btn-sm ${styles.standingLink}`}>
        {onThisPage ? 'Find my row ↓' : `Go to my row (page ${format(you.page)}) →`}
      </Link>
    </section>
  );
}

function BoardRow({ row, isYou }: { row: LeaderboardRow; isYou: boolean }) {
  const placed = row.sector !== null && row.slot !== null;
  return (
    <tr className={styles.row} data-you={isYou || undefined} id={isYou ? 'you' : undefined} aria-current={isYou ? 'true' : undefined}>
      <td className={styles.rankCell}>
        <span className={styles.rank} data-podium={row.rank <= 3 ? row.rank : undefined}>
          {format(row.rank)}
        </span>
      </td>
      <th scope="row">
        <span className={styles.player}>
          <Link href={`/players/${encodeURIComponent(row.ownerId)}`}>{row.ownerName}</Link>
          {isYou && <span className={styles.you}>You</span>}
        </span>
      </th>
      <td className={`${styles.starbase} ${styles.hideNarrow}`}>{row.starbaseName}</td>
      <td className={styles.place} data-unplaced={placed ? undefined : ''}>
        {placeLabel(row.sector, row.slot)}
      </td>
      <td className={`${styles.points} ${styles.right}`}>{format(row.points)}</td>
    </tr>
  );
}

function Pager({ page, pageCount }: { page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  return (
    <nav className={reports.pager} aria-label="Leaderboard pages">
      {page > 1 && (
        <Link href={pageHref(page - 1)} className="btn btn-sm" rel="prev">
          ← Higher ranks
        </Link>
      )}
      <span className={styles.pageOf}>
        Page {format(page)} of {format(pageCount)}
      </span>
      {page < pageCount && (
        <Link href={pageHref(page + 1)} className="btn btn-sm" rel="next">
          Lower ranks →
        </Link>
      )}
    </nav>
  );
}
