import { RESOURCES } from '@starscape/shared';
import { EnergyMeter } from './EnergyMeter';
import { ResourceMeter } from './ResourceMeter';
import styles from './meters.module.css';

export function ResourcePanel() {
  return (
    <section className={`panel ${styles.panel}`} aria-label="Resources">
      {RESOURCES.map((r) => (
        <ResourceMeter key={r} resource={r} />
      ))}
      <EnergyMeter />
    </section>
  );
}
