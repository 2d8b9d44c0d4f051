'use client';

import { BUILDING_INFO, checkUpgrade, upgradeCost, upgradeDuration, type BuildingId, type Town } from '@starscape/shared';
import { buildingEffects } from './buildingEffect';
import { CostList } from './CostList';
import { formatDuration } from './format';
import { BuildingIcon, ClockIcon } from './icons';
import { upgradeReason } from './upgradeReason';
import styles from './buildings.module.css';

export interface BuildingCardProps {
  building: BuildingId;
  town: Town;
  now: number;
  /** visitors get no command buttons */
  isOwner: boolean;
  /** while the link is down the buttons stay, disabled */
  live: boolean;
  /** this building's upgrade was just sent and not yet answered */
  sending: boolean;
  onUpgrade: (building: BuildingId) => void;
}

/** One building: what it is, its level, what the next level costs and does, and the Upgrade button. */
export function BuildingCard({ building, town, now, isOwner, live, sending, onUpgrade }: BuildingCardProps) {
  const info = BUILDING_INFO[building];
  const level = town.buildings[building];
  const toLevel = level + 1;
  const cost = upgradeCost(building, toLevel);
  const duration = upgradeDuration(town, building, toLevel);
  const problem = checkUpgrade(town, building, now);
  const upgrading = town.upgrade?.building === building;
  const effects = buildingEffects(building, level, town.speed);
  const reason = !live ? 'Waiting for the link to the game server.' : problem && !upgrading ? upgradeReason(problem, town, cost, now) : null;

  return (
    <article
      className={`panel ${styles.card}`}
      data-building={building}
      data-level={level}
      data-upgrading={upgrading || undefined}
      aria-labelledby={`b-${building}`}
    >
      <header className={styles.cardHead}>
        <span className={styles.icon}>
          <BuildingIcon building={building} />
        </span>
        <div className={styles.titles}>
          <h3 id={`b-${building}`} className={styles.name}>
            {info.name}
          </h3>
          <span className={styles.level} data-zero={level === 0 || undefined}>
            {level === 0 ? 'Not built' : `Level ${level}`}
          </span>
        </div>
        {upgrading && <span className={`badge ${styles.busyBadge}`}>Upgrading</span>}
      </header>
      <p className={styles.description}>{info.description}</p>

      {effects.length > 0 && (
        <dl className={styles.effects}>
          {effects.map((line) => (
            <div key={line.label} className={styles.effect}>
              <dt>{line.label}</dt>
              <dd>
                <span className="num">{line.now}</span>
                <span className={styles.arrow} aria-label="becomes">
                  →
                </span>
                <span className={`num ${styles.next}`} data-tone={line.tone}>
                  {line.next}
                </span>
              </dd>
            </div>
          ))}
        </dl>
      )}

      <footer className={styles.cardFoot}>
        <div className={styles.price}>
          <span className={styles.priceLabel}>To level {toLevel}</span>
          {/* against the stores for the owner; a visitor is not shown the stores */}
          <CostList cost={cost} town={isOwner ? town : undefined} now={now} />
          <span className={styles.time} title="Build time">
            <ClockIcon /> <span className="num">{formatDuration(duration)}</span>
          </span>
        </div>
        {isOwner && (
          <div className={styles.action}>
            <button
              type="button"
              className="btn btn-primary"
              disabled={problem !== null || sending || !live}
              aria-describedby={reason ? `why-${building}` : undefined}
              onClick={() => onUpgrade(building)}
            >
              {sending ? (
                <>
                  <span className="spinner" aria-hidden="true" /> Sending…
                </>
              ) : upgrading ? (
                'Under construction'
              ) : level === 0 ? (
                'Build'
              ) : (
                `Upgrade to ${toLevel}`
              )}
            </button>
            {reason && (
              <span id={`why-${building}`} className={styles.reason}>
                {reason}
              </span>
            )}
          </div>
        )}
      </footer>
    </article>
  );
}
