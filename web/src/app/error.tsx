'use client';

import Link from 'next/link';
import styles from './status.module.css';

/** Any unexpected server or render error inside the shell (the details go to the server log, not here). */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className={`container ${styles.wrap}`}>
      <section className={`panel ${styles.card}`} role="alert">
        <span className="eyebrow">Something went wrong</span>
        <h1>Systems malfunction</h1>
        <p className="muted">
          Starscape hit an unexpected problem. Try again; if it keeps happening, come back in a few minutes.
          {error.digest && <span className={styles.digest}> Reference: {error.digest}</span>}
        </p>
        <div className={styles.actions}>
          <button type="button" className="btn btn-primary" onClick={reset}>
            Try again
          </button>
          <Link href="/" className="btn">
            Back to home
          </Link>
        </div>
      </section>
    </div>
  );
}
