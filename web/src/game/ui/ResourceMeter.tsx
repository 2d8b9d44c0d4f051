'use client';

import { RESOURCE_INFO, amountAt, type ResourceId } from '@starscape/shared';
import { useRef } from 'react';
import { useGame, useGameStoreApi } from '../session/GameProvider';
import { useServerFrame } from '../session/useServerNow';
import { formatAmount, formatDuration, formatRate } from './format';
import { ResourceIcon } from './icons';
import styles from './meters.module.css';

/**
 * A live resource counter against its cap. The amount is recomputed every animation frame with the
 * shared `amountAt` and written straight to the DOM, so the counter ticks without re-rendering React.
 */
export function ResourceMeter({ resource }: { resource: ResourceId }) {
  const stock = useGame((s) => s.view?.town.stocks[resource]);
  const store = useGameStoreApi();
  const amountRef = useRef<HTMLSpanElement>(null);
  const barRef = useRef<HTMLSpanElement>(null);
  const noteRef = useRef<HTMLSpanElement>(null);

  useServerFrame((now) => {
    const town = store.getState().view?.town;
    if (!town) return;
    const { cap, rate } = town.stocks[resource];
    const amount = amountAt(town, resource, now);
    const full = cap > 0 && amount >= cap;
    const text = formatAmount(amount);
    // Rounded, and written the way the browser serializes it back ("5%", not "5.00%").
    const width = `${cap > 0 ? Number(Math.min(100, (amount / cap) * 100).toFixed(2)) : 0}%`;
    const note = full ? 'Storage full: production stopped' : rate > 0 ? `Full in ${formatDuration(((cap - amount) / rate) * 3_600_000)}` : 'Not produced';
    // Write only what changed, compared with the DOM itself (a re-render may have replaced the text).
    const amountEl = amountRef.current;
    const barEl = barRef.current;
    const noteEl = noteRef.current;
    if (amountEl && amountEl.textContent !== text) amountEl.textContent = text;
    // the exact value, for tools and tests that check the counter is live between whole units
    if (amountEl) amountEl.dataset.amount = amount.toFixed(3);
    if (noteEl && noteEl.textContent !== note) noteEl.textContent = note;
    if (barEl && barEl.style.width !== width) barEl.style.width = width;
    if (barEl && barEl.dataset.full !== String(full)) barEl.dataset.full = String(full);
  });

  if (!stock) return null;
  return (
    <div className={styles.meter} data-resource={resource}>
      <div className={styles.meterHead}>
        <span className={styles.meterIcon}>
          <ResourceIcon resource={resource} />
        </span>
        <span className={styles.meterName}>{RESOURCE_INFO[resource].name}</span>
        <span className={styles.meterRate} data-tone={stock.rate > 0 ? undefined : 'zero'}>
          {formatRate(stock.rate)}
        </span>
      </div>
      <div className={styles.meterValue}>
        <span ref={amountRef} className="num" aria-live="off">
          {formatAmount(stock.amount)}
        </span>
        <span className={styles.meterCap}>/ {formatAmount(stock.cap)}</span>
      </div>
      <span className={styles.bar} aria-hidden="true">
        <span ref={barRef} className={styles.barFill} />
      </span>
      <span ref={noteRef} className={styles.meterNote} />
    </div>
  );
}
