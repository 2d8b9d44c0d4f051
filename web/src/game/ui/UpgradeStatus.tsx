'use client';

import { BUILDING_INFO, upgradeProgress } from '@starscape/shared';
import { useGame, useGameCommands } from '../session/GameProvider';
import { useServerNow } from '../session/useServerNow';
import { CostList } from './CostList';
import { formatCountdown, formatPercent } from './format';
import { BuildingIcon } from './icons';
import styles from './upgrade.module.css';

/** The construction bay: the running upgrade with its progress and countdown, or idle crews. */
export function UpgradeStatus() {
  const town = useGame((s) => s.view?.town);
  const isOwner = useGame((s) => s.role === 'owner');
  const live = useGame((s) => s.status === 'live');
  const cancelling = useGame((s) => s.pending?.kind === 'cancel');
  const commands = useGameCommands();
  const now = useServerNow(250);
  if (!town) return null;
  const job = town.upgrade;

  if (!job) {
    return (
      <section className={`panel ${styles.bay}`} data-idle="true" aria-label="Construction">
        <span className={styles.label}>Construction bay</span>
        <p className={styles.idle}>{isOwner ? 'Crews are idle. Pick a building to upgrade under Base.' : 'Crews are idle.'}</p>
      </section>
    );
  }

  const progress = upgradeProgress(town, now);
  const left = job.finishesAt - now;
  return (
    <section className={`panel ${styles.bay}`} aria-label="Construction" data-building={job.building} data-finishes-at={job.finishesAt}>
      <span className={styles.label}>Construction bay</span>
      <div className={styles.job}>
        <span className={styles.icon}>
          <BuildingIcon building={job.building} size={30} />
        </span>
        <div className={styles.what}>
          <strong>
            {BUILDING_INFO[job.building].name} → level {job.toLevel}
          </strong>
          <span className={styles.paid}>
            Paid <CostList cost={job.cost} /> · refunded in full on cancel
          </span>
        </div>
        <div className={styles.timer}>
          <span className={`num ${styles.countdown}`}>{left > 0 ? formatCountdown(left) : 'Finishing…'}</span>
          <span className={styles.percent}>{formatPercent(progress)}</span>
        </div>
        {isOwner && (
          <button type="button" className="btn btn-danger btn-sm" disabled={cancelling || !live} onClick={() => commands?.cancelUpgrade()}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      <div
        className={styles.progress}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(progress * 100)}
        aria-label="Upgrade progress"
      >
        <span style={{ width: `${progress * 100}%` }} />
      </div>
    </section>
  );
}
