'use client';

import { useGame } from '../session/GameProvider';
import type { ConnectionStatus } from '../session/gameStore';
import styles from './status.module.css';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
};

/** A small dot-and-word status for the town header. */
export function ConnectionBadge() {
  const status = useGame((s) => s.status);
  return (
    <span className={styles.badge} data-status={status} role="status" aria-live="polite">
      <span className={styles.dot} aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
