'use client';

import { SHIP_INFO, checkShipOrder, shipBuildDuration, shipsCost, type ShipId, type Town } from '@starscape/shared';
import { useState } from 'react';
import { CostList } from './CostList';
import { formatCompact, formatDuration } from './format';
import { ClockIcon, ShipIcon, type StatId } from './icons';
import { ShipCountPicker } from './ShipCountPicker';
import { maxAffordable, shipOrderReason } from './shipOrder';
import b from './buildings.module.css';
import styles from './shipyard.module.css';

const STATS: { id: StatId; label: string }[] = [
  { id: 'attack', label: 'Attack' },
  { id: 'shield', label: 'Shield' },
  { id: 'hull', label: 'Hull' },
  { id: 'speed', label: 'Speed' },
  { id: 'cargo', label: 'Cargo' },
];

export interface ShipCardProps {
  ship: ShipId;
  /** the town advanced to `now` */
  town: Town;
  /** ships docked now, predicted between patches */
  docked: number;
  /** ships of this type still in the shipyard queue */
  queued: number;
  now: number;
  isOwner: boolean;
  live: boolean;
  /** this ship's order was just sent and not yet answered */
  sending: boolean;
  onOrder: (ship: ShipId, count: number) => void;
}

/** One ship type: what it is, its numbers, what it costs and takes, and the order controls. */
export function ShipCard({ ship, town, docked, queued, now, isOwner, live, sending, onOrder }: ShipCardProps) {
  const info = SHIP_INFO[ship];
  const [count, setCount] = useState(1);
  const unitMs = shipBuildDuration(town, ship);
  const problem = checkShipOrder(town, ship, count, now);
  const affordable = maxAffordable(town, ship, now);
  const reason = !live ? 'Waiting for the link to the game server.' : problem ? shipOrderReason(problem, town, ship, count, now) : null;
  const plural = count === 1 ? info.name : `${info.name}s`;

  return (
    <article className={`panel ${b.card}`} data-ship={ship} data-docked={docked} aria-labelledby={`s-${ship}`}>
      <header className={b.cardHead}>
        <span className={b.icon}>
          <ShipIcon ship={ship} size={30} />
        </span>
        <div className={b.titles}>
          <h3 id={`s-${ship}`} className={b.name}>
            {info.name}
          </h3>
          <span className={styles.docked} data-zero={docked === 0 || undefined}>
            {docked === 0 ? (
              'None docked'
            ) : (
              <>
                <span key={docked} className={`num ${styles.bump}`}>
                  {docked.toLocaleString('en-US')}
                </span>{' '}
                docked
              </>
            )}
            {queued > 0 && (
              <span className={styles.building}>
                {' · '}
                <span className="num">{queued.toLocaleString('en-US')}</span> building
              </span>
            )}
          </span>
        </div>
      </header>
      <p className={b.description}>{info.description}</p>

      <dl className={styles.stats}>
        {STATS.map(({ id, label }) => (
          <div key={id} className={styles.stat} data-stat={id} data-zero={info[id] === 0 || undefined}>
            <dt>{label}</dt>
            <dd className="num">{formatCompact(info[id])}</dd>
          </div>
        ))}
      </dl>

      <footer className={b.cardFoot}>
        <div className={b.price}>
          <span className={b.priceLabel}>Per ship</span>
          <CostList cost={info.cost} town={town} now={now} times={isOwner ? count : 1} label="Cost per ship" />
          <span className={b.time} title="Build time of one ship at this shipyard level">
            <ClockIcon /> <span className="num">{formatDuration(unitMs)}</span>
          </span>
        </div>
        {isOwner && (
          <div className={styles.order}>
            <ShipCountPicker id={ship} shipName={info.name} count={count} onChange={setCount} affordable={affordable} disabled={!live} />
            {count > 1 && (
              <div className={styles.total}>
                <span className={b.priceLabel}>{count} ships</span>
                <CostList cost={shipsCost(ship, count)} town={town} now={now} label={`Cost of ${count} ships`} />
                <span className={b.time} title="Build time of the whole order, once it is at the head of the queue">
                  <ClockIcon /> <span className="num">{formatDuration(unitMs * count)}</span>
                </span>
              </div>
            )}
            <button
              type="button"
              className="btn btn-primary"
              disabled={problem !== null || sending || !live}
              aria-describedby={reason ? `why-${ship}` : undefined}
              onClick={() => onOrder(ship, count)}
            >
              {sending ? (
                <>
                  <span className="spinner" aria-hidden="true" /> Sending…
                </>
              ) : (
                `Order ${count.toLocaleString('en-US')} ${plural}`
              )}
            </button>
            {reason && (
              <span id={`why-${ship}`} className={b.reason}>
                {reason}
              </span>
            )}
          </div>
        )}
      </footer>
    </article>
  );
}
