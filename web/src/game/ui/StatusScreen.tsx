'use client';

import Link from 'next/link';
import { useGame } from '../session/GameProvider';
import { RetryLine } from './RetryLine';
import styles from './status.module.css';

/** What the page shows before the first state arrives: connecting, or why it cannot connect. */
export function StatusScreen() {
  const status = useGame((s) => s.status);
  const problem = useGame((s) => s.problem);
  const failing = problem !== null;

  return (
    <section className={`panel ${styles.screen}`} data-failing={failing || undefined} aria-live="polite">
      <div className={styles.radar} aria-hidden="true" data-failing={failing || undefined}>
        <span />
      </div>
      {!failing ? (
        <>
          <h2>Establishing link with your starbase…</h2>
          <p className="muted">Requesting clearance and syncing the latest state from the game server.</p>
        </>
      ) : problem.signedOut ? (
        <>
          <h2>Your session has ended</h2>
          <p className="muted">{problem.message}</p>
          <Link className="btn btn-primary" href="/login?next=/play">
            Log in again
          </Link>
        </>
      ) : problem.fatal ? (
        <>
          <h2>Cannot open this starbase</h2>
          <p className="muted">{problem.message}</p>
          <Link className="btn" href="/">
            Back to the home page
          </Link>
        </>
      ) : (
        <>
          <h2>{status === 'offline' ? 'The game server is offline' : 'Waiting for the game server'}</h2>
          <p className="muted">{problem.message} Your starbase keeps producing on the server meanwhile; this page keeps trying.</p>
          <RetryLine />
        </>
      )}
    </section>
  );
}
