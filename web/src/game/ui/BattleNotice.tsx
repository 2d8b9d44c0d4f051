'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { useGame } from '../session/GameProvider';
import { battleNotices } from './battleNotices';
import styles from './battleNotice.module.css';

/**
 * Over every tab of the game: a line per battle the player is in right now — their starbase raided, or one of
 * their fleets fighting — with a link to watch it live. Gone when the battle is.
 */
export function BattleNotice() {
  const defenses = useGame((s) => s.view?.town.defenses);
  const fleets = useGame((s) => s.view?.town.fleets);
  const notices = useMemo(() => battleNotices({ defenses: defenses ?? [], fleets: fleets ?? [] }), [defenses, fleets]);
  if (notices.length === 0) return null;
  return (
    <div className={styles.notices} role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.battleId} className={styles.notice} data-battle-notice={n.battleId} data-kind={n.kind}>
          <span className={styles.pulse} aria-hidden="true" />
          <span className={styles.text}>
            <strong>{n.text}</strong>
            {n.detail && <span className={styles.detail}>{n.detail}</span>}
          </span>
          <Link className={`btn btn-sm ${n.kind === 'defense' ? 'btn-danger' : 'btn-primary'} ${styles.watch}`} href={`/battles/${encodeURIComponent(n.battleId)}`}>
            Watch live
          </Link>
        </div>
      ))}
    </div>
  );
}
