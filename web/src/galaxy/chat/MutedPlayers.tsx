'use client';

import styles from './chat.module.css';

/** The players this player has muted, each with a way back. */
export function MutedPlayers({ players, onUnmute, onClose }: { players: { userId: string; name: string | null }[]; onUnmute(userId: string): void; onClose(): void }) {
  return (
    <div className={styles.muted} data-muted-list>
      <div className={styles.mutedHead}>
        <h3 className={styles.mutedTitle}>Muted players</h3>
        <button type="button" className={styles.iconButton} onClick={onClose} aria-label="Close the muted list">
          ×
        </button>
      </div>
      {players.length === 0 ? (
        <p className={styles.mutedEmpty}>Nobody. Mute a player from any of their lines to hide what they write, for you alone.</p>
      ) : (
        <ul className={styles.mutedList}>
          {players.map((p) => (
            <li key={p.userId}>
              <span className={styles.mutedName}>{p.name ?? 'A player not seen lately'}</span>
              <button type="button" className="btn btn-sm" onClick={() => onUnmute(p.userId)} data-unmute={p.userId}>
                Unmute
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
