'use client';

import { SHIPS, SHIP_INFO, advance } from '@starscape/shared';
import { useGame } from '../session/GameProvider';
import { useServerNow } from '../session/useServerNow';
import { fleetTotals } from './fleetTotals';
import { formatCompact } from './format';
import { ShipIcon, StatIcon } from './icons';
import { shipsInQueue } from './shipyardQueue';
import styles from './fleet.module.css';

const TOTALS = [
  { id: 'attack', label: 'Attack' },
  { id: 'hull', label: 'Hull' },
  { id: 'cargo', label: 'Cargo' },
] as const;

/**
 * The docked fleet at a glance: ships per type and what they add up to. Counts are predicted between
 * patches (a ship docks when its time comes), ticking only while the shipyard has work.
 */
export function FleetStrip({ onOpenShipyard, onOpenFleets }: { onOpenShipyard?: () => void; onOpenFleets?: () => void }) {
  const town = useGame((s) => s.view?.town);
  const building = (town?.shipyard.length ?? 0) > 0;
  const now = useServerNow(250, building);
  if (!town) return null;
  const predicted = building ? advance(town, now) : town;
  const ships = predicted.ships;
  const totals = fleetTotals(ships);
  const queued = shipsInQueue(predicted.shipyard);
  const away = town.fleets.reduce((sum, f) => sum + fleetTotals(f.ships).ships, 0);

  return (
    <section className={`panel ${styles.strip}`} aria-labelledby="fleet-title" data-docked-total={totals.ships}>
      <div className={styles.head}>
        <h2 id="fleet-title" className={styles.label}>
          Docked fleet
        </h2>
        <span className={styles.sub}>
          {totals.ships === 0 ? 'No ships yet' : `${totals.ships.toLocaleString('en-US')} ${totals.ships === 1 ? 'ship' : 'ships'}`}
          {queued > 0 && (
            <>
              {' · '}
              <span className={styles.queued}>+{queued.toLocaleString('en-US')} building</span>
            </>
          )}
          {away > 0 && (
            <>
              {' · '}
              {onOpenFleets ? (
                <button type="button" className={styles.awayLink} onClick={onOpenFleets} data-fleets-away-link title="Open the Fleet section">
                  {away.toLocaleString('en-US')} away →
                </button>
              ) : (
                `${away.toLocaleString('en-US')} away`
              )}
            </>
          )}
        </span>
        {totals.ships > 0 ? (
          <dl className={styles.totals}>
            {TOTALS.map(({ id, label }) => (
              <div key={id} data-total={id} title={`Total ${label.toLowerCase()} of the docked ships`}>
                <dt>
                  <StatIcon stat={id} size={13} />
                  <span className="sr-only">{label}</span>
                </dt>
                <dd className="num">{formatCompact(totals[id])}</dd>
              </div>
            ))}
          </dl>
        ) : (
          onOpenShipyard &&
          queued === 0 && (
            <button type="button" className={styles.open} onClick={onOpenShipyard}>
              Open the shipyard →
            </button>
          )
        )}
      </div>
      <ul className={styles.ships} aria-label="Ships docked">
        {SHIPS.map((ship) => (
          <li key={ship} className={styles.ship} data-fleet-ship={ship} data-count={ships[ship]} data-zero={ships[ship] === 0 || undefined} title={SHIP_INFO[ship].name}>
            <ShipIcon ship={ship} size={20} />
            <span key={ships[ship]} className={`num ${styles.count}`}>
              {formatCompact(ships[ship])}
            </span>
            <span className="sr-only">{SHIP_INFO[ship].name}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
