import { RESOURCES, RESOURCE_INFO, amountAt, type Cost, type Town } from '@starscape/shared';
import { formatAmount } from './format';
import { ResourceIcon } from './icons';
import styles from './buildings.module.css';

/**
 * A price, each part red when `town` cannot pay it at `now` (no colors without a town). Zero parts are left
 * out. `times` checks the stock against that many of the price (a unit price shown for an order of several).
 */
export function CostList({ cost, town, now = 0, times = 1, label = 'Cost' }: { cost: Cost; town?: Town; now?: number; times?: number; label?: string }) {
  return (
    <ul className={styles.cost} aria-label={label}>
      {RESOURCES.filter((r) => cost[r] > 0).map((r) => {
        const short = town ? amountAt(town, r, now) < cost[r] * times : false;
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
