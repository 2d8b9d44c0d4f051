'use client';

import { useGame } from '../session/GameProvider';
import { formatAmount, formatPercent } from './format';
import { ResourceIcon } from './icons';
import styles from './meters.module.css';

/** Energy is a balance, not a stock: supply against use, and how hard a deficit slows the mines. */
export function EnergyMeter() {
  const energy = useGame((s) => s.view?.energy);
  if (!energy) return null;
  const { supply, use } = energy;
  const efficiency = use === 0 ? 1 : Math.min(1, supply / use);
  const deficit = use > supply;
  return (
    <div className={styles.meter} data-resource="energy" data-deficit={deficit || undefined}>
      <div className={styles.meterHead}>
        <span className={styles.meterIcon}>
          <ResourceIcon resource="energy" />
        </span>
        <span className={styles.meterName}>Energy</span>
        <span className={styles.meterRate} data-tone={deficit ? 'bad' : 'good'}>
          {formatPercent(efficiency)} efficiency
        </span>
      </div>
      <div className={styles.meterValue}>
        <span className="num">{formatAmount(supply - use)}</span>
        <span className={styles.meterCap}>
          supply {formatAmount(supply)} · use {formatAmount(use)}
        </span>
      </div>
      <span className={styles.bar} aria-hidden="true">
        <span className={styles.barFill} style={{ width: `${efficiency * 100}%` }} data-full={deficit ? 'true' : undefined} />
      </span>
      <span className={styles.meterNote} role={deficit ? 'alert' : undefined}>
        {deficit ? `Energy deficit: mines run at ${formatPercent(efficiency)}. Build up the Solar Plant.` : use === 0 ? 'No consumers yet' : 'Grid stable'}
      </span>
    </div>
  );
}
