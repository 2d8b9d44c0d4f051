import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LocalTime } from '../../../battle/LocalTime';
import reports from '../../../battle/reports.module.css';
import { db } from '../../../server/db';
import { placeLabel } from '../../../server/leaderboard';
import { loadProfile, type ProfileStarbase } from '../../../server/profiles';
import { requireUser } from '../../../server/session';
import styles from '../../leaderboard/leaderboard.module.css';
import { RecentBattles } from './RecentBattles';

export const metadata: Metadata = { title: 'Player profile' };

const format = (n: number) => n.toLocaleString('en-US');
// a calendar date needs no reader's time zone to be right within a day; UTC keeps server and browser in step
const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/**
 * A player's public profile: names, where their starbase is, points and rank, dates, and their last battles.
 * Never their resources, ships or fleets. Any signed-in player may look; unknown ids are not found.
 */
export default async function PlayerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireUser(`/players/${encodeURIComponent(id)}`);
  const profile = await loadProfile(db(), id, viewer.id, Date.now());
  if (!profile) notFound();
  const { starbase } = profile;

  return (
    <div className={`container ${reports.page}`}>
      <Link href={starbase ? `/leaderboard${starbase.rankPage > 1 ? `?page=${starbase.rankPage}` : ''}` : '/leaderboard'} className={reports.back}>
        ← Leaderboard
      </Link>
      <header className={styles.profileHead}>
        <span className={styles.emblem} aria-hidden="true">
          {[...profile.displayName][0]?.toUpperCase() ?? '?'}
        </span>
        <div className={styles.profileTitle}>
          <span className="eyebrow">Commander</span>
          <h1>
            {profile.displayName}
            {profile.isViewer && <span className={styles.you}>You</span>}
          </h1>
          <span className={styles.profileSub}>{starbase ? starbase.name : 'No starbase yet'}</span>
        </div>
        <div className={styles.profileActions}>
          {profile.isViewer ? (
            <Link href="/play" className="btn">
              Open my starbase
            </Link>
          ) : starbase?.raidable ? (
            <Link href={`/play#fleet-raid-${encodeURIComponent(starbase.townId)}`} className="btn btn-primary">
              Raid this starbase
            </Link>
          ) : starbase?.protectedUntil != null ? (
            <span className={styles.protected}>
              <span>
                Newcomer protection until <LocalTime ms={starbase.protectedUntil} />
              </span>
            </span>
          ) : null}
        </div>
      </header>

      {starbase ? (
        <StarbaseStats starbase={starbase} rankedTowns={profile.rankedTowns} memberSince={profile.memberSince} />
      ) : (
        <section className={`panel ${styles.stat} ${styles.lone}`}>
          <span className={styles.statLabel}>Member since</span>
          <span className={styles.statValue} data-small="">
            {day.format(profile.memberSince)}
          </span>
          <span className={styles.statNote}>This commander has not founded a starbase yet.</span>
        </section>
      )}

      <div className={styles.sectionHead}>
        <h2>Recent battles</h2>
        <span className="muted">the last 10, newest first</span>
      </div>
      <RecentBattles battles={profile.battles} />
    </div>
  );
}

function StarbaseStats({ starbase, rankedTowns, memberSince }: { starbase: ProfileStarbase; rankedTowns: number; memberSince: number }) {
  const placed = starbase.sector !== null && starbase.slot !== null;
  return (
    <div className={styles.stats}>
      <section className={`panel ${styles.stat}`}>
        <span className={styles.statLabel}>Points</span>
        <span className={`${styles.statValue} num`}>{format(starbase.points)}</span>
        <span className={styles.statNote}>built into the starbase, its ships and enemy wrecks</span>
      </section>
      <section className={`panel ${styles.stat}`}>
        <span className={styles.statLabel}>Rank</span>
        <span className={styles.statValue}>
          #{format(starbase.rank)} <span className={styles.statNote}>of {format(rankedTowns)}</span>
        </span>
        <Link href={`/leaderboard${starbase.rankPage > 1 ? `?page=${starbase.rankPage}` : ''}`} className={styles.statLink}>
          See the leaderboard →
        </Link>
      </section>
      <section className={`panel ${styles.stat}`}>
        <span className={styles.statLabel}>Location</span>
        <span className={styles.statValue} data-small="">
          {placeLabel(starbase.sector, starbase.slot)}
        </span>
        {placed ? (
          <Link href={`/play#galaxy-${starbase.sector}`} className={styles.statLink}>
            Show on galaxy map →
          </Link>
        ) : (
          <span className={styles.statNote}>not yet placed in the galaxy</span>
        )}
      </section>
      <section className={`panel ${styles.stat}`}>
        <span className={styles.statLabel}>{starbase.foundedAt !== null ? 'Founded' : 'Member since'}</span>
        <span className={styles.statValue} data-small="">
          {day.format(starbase.foundedAt ?? memberSince)}
        </span>
        {starbase.foundedAt !== null && <span className={styles.statNote}>member since {day.format(memberSince)}</span>}
      </section>
    </div>
  );
}
