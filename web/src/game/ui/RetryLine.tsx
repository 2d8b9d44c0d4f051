'use client';

import { useEffect, useState } from 'react';
import { useGame, useGameCommands } from '../session/GameProvider';
import styles from './status.module.css';

/** "Next attempt in 4 s · Retry now", counting down to the store's `retryAt`. */
export function RetryLine() {
  const retryAt = useGame((s) => s.retryAt);
  const commands = useGameCommands();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (retryAt === null) return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [retryAt]);
  if (retryAt === null) return null;
  const seconds = Math.ceil((retryAt - now) / 1000);
  return (
    <span className={styles.retry}>
      {seconds > 0 ? `Next attempt in ${seconds}s` : 'Trying now…'}
      <button type="button" className="btn btn-sm" onClick={() => commands?.retryNow()} disabled={seconds <= 0}>
        Retry now
      </button>
    </span>
  );
}
