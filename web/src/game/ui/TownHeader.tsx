'use client';

import { useGame } from '../session/GameProvider';
import { ConnectionBadge } from './ConnectionBadge';
import styles from './game.module.css';

/** The starbase's name, its commander, whether you are a visitor, and the link status. */
export function TownHeader() {
  const meta = useGame((s) => s.view?.meta);
  const role = useGame((s) => s.role);
  return (
    <header className={styles.townHeader}>
      <div className={styles.planet} aria-hidden="true" />
      <div className={styles.townTitles}>
        <span className="eyebrow">Starbase</span>
        <h1 className={styles.townName}>{meta?.name || 'Your starbase'}</h1>
        <span className="muted">
          Commander <strong className={styles.owner}>{meta?.ownerName || '…'}</strong>
        </span>
      </div>
      <div className={styles.townBadges}>
        {role === 'visitor' && (
          <span className={`badge ${styles.visitor}`} title="You can look around but not give orders here.">
            Visitor · read only
          </span>
        )}
        <ConnectionBadge />
      </div>
    </header>
  );
}
