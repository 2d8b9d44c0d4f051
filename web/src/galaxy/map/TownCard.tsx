'use client';

import type { GalaxyTown } from '@starscape/shared';
import Link from 'next/link';
import type { CSSProperties, MouseEvent } from 'react';
import { useServerNow } from '../../game/session/useServerNow';
import { formatCountdown } from '../../game/ui/format';
import { protectionLeft } from './mapLayout';
import styles from './card.module.css';

export interface TownCardProps {
  town: GalaxyTown;
  own: boolean;
  /** whether this player can launch raids from here (the owner of the open starbase) */
  canRaid: boolean;
  onRaid(townId: string): void;
  onClose?(): void;
  /** where it sits over the map; absent: in the flow (under a list row) */
  placement?: { left: number; top: number; side: 'left' | 'right'; vertical: 'up' | 'down' };
  onPointerInside?(inside: boolean): void;
}

/**
 * A starbase at a glance: its commander, points, whether they are online right now, and whether it can be raided
 * (the newcomer protection counting down until then). Links to the commander's profile and, for a raidable
 * starbase, to the raid panel with it picked.
 */
export function TownCard({ town, own, canRaid, onRaid, onClose, placement, onPointerInside }: TownCardProps) {
  const now = useServerNow(1000);
  const left = protectionLeft(town, now);
  const raidHref = `#fleet-raid-${encodeURIComponent(town.townId)}`;
  const style: CSSProperties | undefined = placement ? { left: `${placement.left}%`, top: `${placement.top}%` } : undefined;
  const raid = (event: MouseEvent) => {
    event.preventDefault();
    onRaid(town.townId);
  };
  return (
    <div
      className={styles.card}
      style={style}
      data-town-card={town.townId}
      data-placed={placement ? `${placement.side}-${placement.vertical}` : undefined}
      role="group"
      aria-label={town.name}
      onMouseEnter={() => onPointerInside?.(true)}
      onMouseLeave={() => onPointerInside?.(false)}
      onClick={(event) => event.stopPropagation()}
    >
      <div className={styles.cardHead}>
        <h3 className={styles.cardName}>
          {town.name}
          {own && <span className={styles.youTag}>You</span>}
        </h3>
        {onClose && (
          <button type="button" className={styles.cardClose} onClick={onClose} aria-label="Close">
            ×
          </button>
        )}
      </div>
      <p className={styles.commander}>
        Commander <span className={styles.owner}>{town.ownerName}</span>
      </p>
      <div className={styles.chips}>
        <span className={styles.chip} data-online={town.online}>
          <span className={styles.presenceDot} aria-hidden="true" />
          {town.online ? 'Online now' : 'Offline'}
        </span>
        <span className={styles.chip}>
          <span className="num">{town.points.toLocaleString('en-US')}</span> {town.points === 1 ? 'point' : 'points'}
        </span>
      </div>
      {!own &&
        (left > 0 ? (
          <p className={styles.defense} data-defense="protected" data-protected-left={Math.ceil(left / 1000)}>
            <Glyph d={SHIELD} /> Newcomer-protected for <span className="num">{formatCountdown(left)}</span>
          </p>
        ) : (
          <p className={styles.defense} data-defense="raidable">
            <Glyph d={CROSSHAIR} /> Open to raids
          </p>
        ))}
      <div className={styles.cardActions}>
        <Link className="btn btn-sm" href={`/players/${encodeURIComponent(town.ownerId)}`} data-profile-link={town.ownerId}>
          Profile
        </Link>
        {!own && canRaid && left === 0 && (
          <a className={`btn btn-sm ${styles.raidButton}`} href={raidHref} data-raid-town={town.townId} onClick={raid}>
            Raid
          </a>
        )}
      </div>
    </div>
  );
}

const SHIELD = 'M12 2 20 5v6c0 5-3.4 9-8 11-4.6-2-8-6-8-11V5l8-3Z';
const CROSSHAIR = 'M12 3v4m0 10v4M3 12h4m10 0h4M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10Z';

function Glyph({ d }: { d: string }) {
  return (
    <svg className={styles.glyph} width={14} height={14} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" strokeLinecap="round" aria-hidden="true">
      <path d={d} />
    </svg>
  );
}
