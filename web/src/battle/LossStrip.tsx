import type { BattleSide } from '@starscape/shared';
import { memo } from 'react';
import { binLosses } from './lossBins';
import styles from './battle.module.css';

/**
 * The battle's losses over time behind the scrub bar: the attacker's above the line, the defender's below, so a
 * player sees where the fighting was fiercest and can jump there.
 */
export const LossStrip = memo(function LossStrip({ losses }: { losses: Readonly<Record<BattleSide, readonly number[]>> }) {
  const steps = losses.attacker.length;
  const bins = Math.max(1, Math.min(120, steps));
  const attacker = binLosses(losses.attacker, bins);
  const defender = binLosses(losses.defender, bins);
  const peak = Math.max(1, ...attacker, ...defender);
  const w = 100 / bins;
  return (
    <svg className={styles.strip} viewBox="0 0 100 20" preserveAspectRatio="none" aria-hidden="true">
      <line x1="0" x2="100" y1="10" y2="10" className={styles.stripAxis} />
      {attacker.map((n, i) =>
        n > 0 ? <rect key={`a${i}`} x={i * w + w * 0.1} width={w * 0.8} y={10 - (9 * n) / peak} height={(9 * n) / peak} className={styles.stripAttacker} /> : null,
      )}
      {defender.map((n, i) => (n > 0 ? <rect key={`d${i}`} x={i * w + w * 0.1} width={w * 0.8} y={10} height={(9 * n) / peak} className={styles.stripDefender} /> : null))}
    </svg>
  );
});
