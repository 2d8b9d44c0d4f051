'use client';

import type { GalaxyTown } from '@starscape/shared';
import type { ReactNode } from 'react';
import { formatCompact } from '../../game/ui/format';
import { protectionLeft } from './mapLayout';
import styles from './list.module.css';

export interface TownListProps {
  towns: readonly GalaxyTown[];
  ownTownId: string | null;
  now: number;
  /** the row opened (its card shown under it) */
  openId: string | null;
  onToggle(townId: string): void;
  onHighlight(townId: string | null): void;
  /** the card of the open row */
  card: ReactNode;
}

/** The sector's starbases beside the map, most points first: name, commander, points, online light. */
export function TownList({ towns, ownTownId, now, openId, onToggle, onHighlight, card }: TownListProps) {
  const ranked = [...towns].sort((a, b) => b.points - a.points || a.name.localeCompare(b.name));
  if (ranked.length === 0) {
    return (
      <div className={styles.emptyList} data-galaxy-empty>
        <p>No starbases in this sector yet.</p>
        <p className="muted">New commanders settle the newest sector first; this one waits for them.</p>
      </div>
    );
  }
  return (
    <ol className={styles.list} aria-label="Starbases in this sector" onMouseLeave={() => onHighlight(null)}>
      {ranked.map((town, i) => {
        const open = town.townId === openId;
        const own = town.townId === ownTownId;
        return (
          <li key={town.townId} className={styles.row} data-galaxy-row={town.townId} data-open={open || undefined} data-own={own || undefined}>
            <button
              type="button"
              className={styles.rowButton}
              aria-expanded={open}
              onClick={() => onToggle(town.townId)}
              onMouseEnter={() => onHighlight(town.townId)}
              onFocus={() => onHighlight(town.townId)}
              onBlur={() => onHighlight(null)}
            >
              <span className={`num ${styles.rank}`}>{i + 1}</span>
              <span className={styles.rowDot} data-online={town.online} title={town.online ? 'Online now' : 'Offline'} />
              <span className={styles.rowNames}>
                <span className={styles.rowName}>
                  {town.name}
                  {own && <span className={styles.youTag}>You</span>}
                </span>
                <span className={styles.rowOwner}>
                  {town.ownerName}
                  {protectionLeft(town, now) > 0 && !own && <span className={styles.rowShield}> · protected</span>}
                </span>
              </span>
              <span className={`num ${styles.rowPoints}`}>
                {formatCompact(town.points)}
                <span className={styles.pts}> pts</span>
              </span>
            </button>
            {open && card}
          </li>
        );
      })}
    </ol>
  );
}
