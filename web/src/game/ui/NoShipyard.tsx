'use client';

import { BUILDING_INFO, SHIPS, SHIP_INFO, checkUpgrade, upgradeCost, upgradeDuration, upgradeProgress, type Town } from '@starscape/shared';
import { useGame, useGameCommands } from '../session/GameProvider';
import { CostList } from './CostList';
import { formatCountdown, formatDuration } from './format';
import { BuildingIcon, ClockIcon, ShipIcon } from './icons';
import { upgradeReason } from './upgradeReason';
import b from './buildings.module.css';
import styles from './shipyard.module.css';

/**
 * The Shipyard section of a starbase without one: one clear panel (what a shipyard unlocks, what it costs,
 * a button to build it) instead of five ship cards that could not do anything.
 */
export function NoShipyard({ town, now }: { town: Town; now: number }) {
  const isOwner = useGame((s) => s.role === 'owner');
  const live = useGame((s) => s.status === 'live');
  const sending = useGame((s) => s.pending?.kind === 'upgrade' && s.pending.building === 'shipyard');
  const commands = useGameCommands();
  const building = town.upgrade?.building === 'shipyard' ? town.upgrade : null;
  const cost = upgradeCost('shipyard', 1);
  const problem = checkUpgrade(town, 'shipyard', now);
  const reason = !live ? 'Waiting for the link to the game server.' : problem ? upgradeReason(problem, town, cost, now) : null;

  return (
    <section className={`panel ${styles.empty}`} aria-labelledby="no-shipyard-title" data-no-shipyard={building ? 'building' : 'true'}>
      <span className={styles.emptyIcon}>
        <BuildingIcon building="shipyard" size={40} />
      </span>
      <h2 id="no-shipyard-title" className={styles.emptyTitle}>
        {building ? 'The shipyard is under construction' : isOwner ? 'Build a shipyard first' : 'This starbase has no shipyard yet'}
      </h2>
      <p className={styles.emptyText}>
        {building ? (
          <>
            Ready in <strong className="num">{formatCountdown(building.finishesAt - now)}</strong> ({Math.round(upgradeProgress(town, now) * 100)}%). Then its
            docks build the ships below.
          </>
        ) : (
          <>{BUILDING_INFO.shipyard.description} Every ship is built here: without one there is nothing to order.</>
        )}
      </p>
      <ul className={styles.preview} aria-label="Ships a shipyard builds">
        {SHIPS.map((ship) => (
          <li key={ship}>
            <ShipIcon ship={ship} size={22} />
            {SHIP_INFO[ship].name}
          </li>
        ))}
      </ul>
      {!building && (
        <div className={styles.emptyPrice}>
          <span className={b.priceLabel}>Shipyard level 1</span>
          <CostList cost={cost} town={town} now={now} />
          <span className={b.time} title="Build time">
            <ClockIcon /> <span className="num">{formatDuration(upgradeDuration(town, 'shipyard', 1))}</span>
          </span>
        </div>
      )}
      {isOwner && !building && (
        <div className={styles.emptyAction}>
          <button
            type="button"
            className="btn btn-primary"
            disabled={problem !== null || sending || !live}
            aria-describedby={reason ? 'why-no-shipyard' : undefined}
            onClick={() => commands?.startUpgrade('shipyard')}
          >
            {sending ? (
              <>
                <span className="spinner" aria-hidden="true" /> Sending…
              </>
            ) : (
              'Build the shipyard'
            )}
          </button>
          {reason && (
            <span id="why-no-shipyard" className={b.reason}>
              {reason}
            </span>
          )}
        </div>
      )}
    </section>
  );
}
