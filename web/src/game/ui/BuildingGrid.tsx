'use client';

import { BUILDINGS } from '@starscape/shared';
import { useGame, useGameCommands } from '../session/GameProvider';
import { useServerNow } from '../session/useServerNow';
import { BuildingCard } from './BuildingCard';
import styles from './buildings.module.css';

/** Every building of the starbase. Re-renders 4×/s so costs turn affordable as resources flow in. */
export function BuildingGrid() {
  const town = useGame((s) => s.view?.town);
  const isOwner = useGame((s) => s.role === 'owner');
  const live = useGame((s) => s.status === 'live');
  const pending = useGame((s) => s.pending);
  const commands = useGameCommands();
  const now = useServerNow(250);
  if (!town) return null;
  return (
    <section aria-labelledby="buildings-title">
      <h2 id="buildings-title" className={styles.sectionTitle}>
        Buildings
      </h2>
      <div className={styles.grid}>
        {BUILDINGS.map((b) => (
          <BuildingCard
            key={b}
            building={b}
            town={town}
            now={now}
            isOwner={isOwner}
            live={live}
            sending={pending?.kind === 'upgrade' && pending.building === b}
            onUpgrade={(building) => commands?.startUpgrade(building)}
          />
        ))}
      </div>
    </section>
  );
}
