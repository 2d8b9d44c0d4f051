'use client';

import Link from 'next/link';
import { useGame } from '../session/GameProvider';
import { RetryLine } from './RetryLine';
import styles from './status.module.css';

/**
 * Shown over a town that is on screen but not live: the numbers keep being predicted, commands wait
 * for the link to come back.
 */
export function ConnectionBanner() {
  const status = useGame((s) => s.status);
  const problem = useGame((s) => s.problem);
  if (status === 'live') return null;
  const title = status === 'reconnecting' ? 'Link lost. Reconnecting…' : status === 'offline' ? 'Offline' : 'Connecting…';
  return (
    <div className={styles.banner} data-status={status} role="status">
      <span className="spinner" aria-hidden="true" data-hidden={status === 'offline' || undefined} />
      <strong>{title}</strong>
      <span className="muted">
        {problem?.message ?? ''} Numbers below are predicted; commands resume when the link is back.
      </span>
      {problem?.signedOut ? (
        <Link className="btn btn-sm btn-primary" href="/login?next=/play">
          Log in again
        </Link>
      ) : (
        <RetryLine />
      )}
    </div>
  );
}
