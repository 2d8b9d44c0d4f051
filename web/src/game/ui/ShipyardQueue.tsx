'use client';

import { SHIPYARD_QUEUE_LIMIT, SHIP_INFO, type ShipyardOrder } from '@starscape/shared';
import { useRef, useState } from 'react';
import { useServerFrame } from '../session/useServerNow';
import { CostList } from './CostList';
import { formatCountdown, formatDuration } from './format';
import { ShipIcon } from './icons';
import { needsCancelConfirm, nextShipProgress, queueSchedule, refundOf, shipsInQueue, type ScheduledOrder } from './shipyardQueue';
import styles from './shipyard.module.css';

export interface ShipyardQueueProps {
  /** the queue advanced to `now` (ships done by then already left it) */
  queue: readonly ShipyardOrder[];
  now: number;
  isOwner: boolean;
  live: boolean;
  /** the queue is about to move: cancels wait a moment (see `queueShifting`) */
  /** queue position of a cancel sent and not yet answered */
  cancellingId: number | null;
  onCancel: (orderId: number) => void;
}

/** The shipyard's orders: the head one in production with its next ship's progress, the rest waiting. */
export function ShipyardQueue({ queue, now, isOwner, live, cancellingId, onCancel }: ShipyardQueueProps) {
  const schedule = queueSchedule(queue, now);
  const last = schedule.at(-1);
  return (
    <section className={`panel ${styles.queue}`} aria-labelledby="shipyard-queue-title" data-idle={queue.length === 0 || undefined}>
      <header className={styles.queueHead}>
        <h3 id="shipyard-queue-title" className={styles.label}>
          Shipyard queue
        </h3>
        <span className={styles.queueMeta}>
          <span className="num">
            {queue.length}/{SHIPYARD_QUEUE_LIMIT}
          </span>{' '}
          orders
          {last && (
            <>
              {' · '}
              <span className="num">{shipsInQueue(queue).toLocaleString('en-US')}</span> ships{' · '}all done in{' '}
              <span className="num" data-queue-done-at={last.doneAt}>
                {formatDuration(last.doneAt - now)}
              </span>
            </>
          )}
        </span>
      </header>
      {queue.length === 0 ? (
        <p className={styles.idle}>{isOwner ? 'The docks are quiet. Order ships below: they are paid now and built one after another.' : 'The docks are quiet.'}</p>
      ) : (
        <ol className={styles.orders}>
          {schedule.map((entry) => (
            <QueueRow
              // keyed from the back: when the head leaves, the other rows keep their identity (and an open confirm)
              key={`${queue.length - entry.index}-${entry.order.ship}`}
              entry={entry}
              now={now}
              isOwner={isOwner}
              live={live}
              cancelling={cancellingId === entry.order.id}
              onCancel={onCancel}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

interface QueueRowProps {
  entry: ScheduledOrder;
  now: number;
  isOwner: boolean;
  live: boolean;
  cancelling: boolean;
  onCancel: (orderId: number) => void;
}

function QueueRow({ entry, now, isOwner, live, cancelling, onCancel }: QueueRowProps) {
  const { order, index, inProduction, startsAt, doneAt } = entry;
  const info = SHIP_INFO[order.ship];
  const [confirming, setConfirming] = useState(false);
  const nextIn = order.nextAt - now;
  const canCancel = live && !cancelling;
  const why = !live ? 'Waiting for the link to the game server.' : undefined;

  return (
    <li
      className={styles.orderRow}
      data-shipyard-order={index}
      data-order-ship={order.ship}
      data-remaining={order.remaining}
      data-in-production={inProduction || undefined}
      data-next-at={inProduction ? order.nextAt : undefined}
    >
      <div className={styles.orderMain}>
        <span className={styles.orderIcon}>
          <ShipIcon ship={order.ship} size={24} />
        </span>
        <div className={styles.orderWhat}>
          <strong>
            {info.name} <span className={`num ${styles.times}`}>×{order.remaining.toLocaleString('en-US')}</span>
          </strong>
          <span className={styles.orderWhen}>
            {inProduction ? (
              <>
                In production · {order.remaining === 1 ? 'last one' : `${order.remaining.toLocaleString('en-US')} left, done in ${formatDuration(doneAt - now)}`}
              </>
            ) : (
              <>
                Waiting · starts in {formatDuration(startsAt - now)} · done in {formatDuration(doneAt - now)}
              </>
            )}
          </span>
        </div>
        {inProduction && (
          <div className={styles.orderTimer}>
            <span className={`num ${styles.countdown}`}>{nextIn > 0 ? formatCountdown(nextIn) : 'Docking…'}</span>
            <span className={styles.timerLabel}>next ship</span>
          </div>
        )}
        {isOwner && !confirming && (
          <button
            type="button"
            className={`btn btn-danger btn-sm ${styles.cancel}`}
            disabled={!canCancel}
            title={why ?? `Cancel: refunds the ${order.remaining} unbuilt ${order.remaining === 1 ? 'ship' : 'ships'}`}
            onClick={() => (needsCancelConfirm(order) ? setConfirming(true) : onCancel(order.id))}
          >
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {inProduction && <NextShipBar order={order} />}
      {isOwner && confirming && (
        <div className={styles.confirm} role="group" aria-label={`Cancel ${info.name} order?`}>
          <span className={styles.confirmText}>
            Cancel {order.remaining.toLocaleString('en-US')} {order.remaining === 1 ? info.name : `${info.name}s`}? Refund
            <CostList cost={refundOf(order)} label="Refund" />
          </span>
          <span className={styles.confirmActions}>
            <button
              type="button"
              className="btn btn-danger btn-sm"
              disabled={!canCancel}
              title={why}
              onClick={() => {
                setConfirming(false);
                onCancel(order.id);
              }}
            >
              Yes, cancel
            </button>
            <button type="button" className="btn btn-sm" onClick={() => setConfirming(false)}>
              Keep building
            </button>
          </span>
        </div>
      )}
    </li>
  );
}

/**
 * The head order's next ship, drawn every animation frame straight into the DOM: ships may take only
 * seconds, and a bar that jumps back to 0 must not ease backwards (as a CSS transition would).
 */
function NextShipBar({ order }: { order: ShipyardOrder }) {
  const fill = useRef<HTMLSpanElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  useServerFrame((now) => {
    const progress = nextShipProgress(order, now);
    const width = `${(progress * 100).toFixed(2)}%`;
    if (fill.current && fill.current.style.width !== width) fill.current.style.width = width;
    const value = String(Math.round(progress * 100));
    if (bar.current && bar.current.getAttribute('aria-valuenow') !== value) bar.current.setAttribute('aria-valuenow', value);
  });
  return (
    <div ref={bar} className={styles.progress} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-label={`Next ${SHIP_INFO[order.ship].name}`}>
      <span ref={fill} />
    </div>
  );
}
