import { RESOURCES, RESOURCE_INFO, amountAt, type Cost, type Town } from '@starscape/shared';
import { formatAmount } from './format';
import { ResourceIcon } from './icons';
import styles from './buildings.module.css';

/** A price, each part red when `town` cannot pay it at `now` (no colors without a town). Zero parts are left out. */
export function CostList({ cost, town, now = 0 }: { cost: Cost; town?: Town; now?: number }) {
  return (
    <ul className={styles.cost} aria-label="Cost">
      {RESOURCES.filter((r) => cost[r] > 0).map((r) => {
        const short = town ? amountAt(town, r, now) < cost[r] : false;
        return (
          <li key={r} className={styles.costItem} data-resource={r} data-short={short || undefined}>
            <ResourceIcon resource={r} size={14} />
            <span className="num">{formatAmount(cost[r])}</span>
            <span className="sr-only">
              {RESOURCE_INFO[r].name}
              {short ? ' (not enough)' : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
