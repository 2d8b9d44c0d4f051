'use client';

import { SECTOR_GRID, SECTOR_SLOTS, type GalaxyTown } from '@starscape/shared';
import { memo, useMemo, type KeyboardEvent, type ReactNode } from 'react';
import { formatCompact } from '../../game/ui/format';
import { CELL, VIEW, mapLabel, markerRadius, protectionLeft, slotCenter } from './mapLayout';
import styles from './map.module.css';

export interface SectorMapProps {
  sector: number;
  towns: readonly GalaxyTown[];
  ownTownId: string | null;
  /** server time */
  now: number;
  /** the starbase whose card is open, and the one lit from the list */
  activeId: string | null;
  highlightId: string | null;
  onHover(townId: string | null): void;
  onPick(townId: string): void;
  onClear(): void;
  /** drawn over the map (the open card) */
  children?: ReactNode;
}

/**
 * A sector drawn in SVG: its star glowing in the middle of the 5 × 5 grid, and in every other cell either empty
 * space or a starbase — sized by points, its owner's online light beside it, the player's own ringed in cyan and
 * protected newcomers in a dashed shield. Markers are buttons: hover, focus or tap opens their card.
 */
export function SectorMap({ sector, towns, ownTownId, now, activeId, highlightId, onHover, onPick, onClear, children }: SectorMapProps) {
  const taken = useMemo(() => new Set(towns.map((t) => t.slot)), [towns]);
  return (
    <div className={styles.mapFrame} data-galaxy-sector={sector}>
      <svg className={styles.map} viewBox={`0 0 ${VIEW} ${VIEW}`} role="group" aria-label={`Sector ${sector} map`} onClick={onClear}>
        <MapBackdrop sector={sector} />
        {Array.from({ length: SECTOR_SLOTS }, (_, slot) => slot)
          .filter((slot) => !taken.has(slot))
          .map((slot) => {
            const { x, y } = slotCenter(slot);
            return <circle key={slot} className={styles.emptySlot} cx={x} cy={y} r={2.5} />;
          })}
        {towns.map((town) => (
          <Marker
            key={town.townId}
            town={town}
            own={town.townId === ownTownId}
            shielded={protectionLeft(town, now) > 0}
            active={town.townId === activeId}
            lit={town.townId === highlightId}
            onHover={onHover}
            onPick={onPick}
          />
        ))}
      </svg>
      {children}
    </div>
  );
}

/** The grid, the orbits and the star: the same for every look at a sector, so drawn once per sector. */
const MapBackdrop = memo(function MapBackdrop({ sector }: { sector: number }) {
  const dust = useMemo(() => starDust(sector, 70), [sector]);
  const mid = VIEW / 2;
  return (
    <g aria-hidden="true">
      <defs>
        <radialGradient id="galaxy-star-core">
          <stop offset="0" stopColor="#fffbe8" />
          <stop offset="0.45" stopColor="#ffe29a" />
          <stop offset="1" stopColor="#ff9f43" />
        </radialGradient>
        <radialGradient id="galaxy-star-glow">
          <stop offset="0" stopColor="rgba(255, 214, 130, 0.55)" />
          <stop offset="0.35" stopColor="rgba(255, 170, 90, 0.18)" />
          <stop offset="1" stopColor="rgba(255, 140, 60, 0)" />
        </radialGradient>
        <radialGradient id="galaxy-nebula" cx="0.3" cy="0.25" r="0.9">
          <stop offset="0" stopColor="rgba(124, 107, 255, 0.16)" />
          <stop offset="0.6" stopColor="rgba(56, 225, 255, 0.04)" />
          <stop offset="1" stopColor="rgba(4, 6, 13, 0)" />
        </radialGradient>
        <radialGradient id="galaxy-base" cx="0.35" cy="0.3">
          <stop offset="0" stopColor="#c9c2ff" />
          <stop offset="0.55" stopColor="#6a5cf0" />
          <stop offset="1" stopColor="#241a66" />
        </radialGradient>
        <radialGradient id="galaxy-base-own" cx="0.35" cy="0.3">
          <stop offset="0" stopColor="#d8fbff" />
          <stop offset="0.5" stopColor="#38c8ff" />
          <stop offset="1" stopColor="#0b3a78" />
        </radialGradient>
      </defs>
      <rect width={VIEW} height={VIEW} fill="url(#galaxy-nebula)" />
      {dust.map((d, i) => (
        <circle key={i} cx={d.x} cy={d.y} r={d.r} className={styles.dust} style={{ opacity: d.o }} />
      ))}
      {Array.from({ length: SECTOR_GRID - 1 }, (_, i) => (i + 1) * CELL).map((at) => (
        <g key={at} className={styles.gridLine}>
          <line x1={at} y1={0} x2={at} y2={VIEW} />
          <line x1={0} y1={at} x2={VIEW} y2={at} />
        </g>
      ))}
      <circle cx={mid} cy={mid} r={118} className={styles.orbit} />
      <circle cx={mid} cy={mid} r={212} className={styles.orbit} />
      <circle cx={mid} cy={mid} r={96} fill="url(#galaxy-star-glow)" className={styles.starGlow} />
      <circle cx={mid} cy={mid} r={24} fill="url(#galaxy-star-core)" className={styles.star} />
    </g>
  );
});

const Marker = memo(function Marker({
  town,
  own,
  shielded,
  active,
  lit,
  onHover,
  onPick,
}: {
  town: GalaxyTown;
  own: boolean;
  shielded: boolean;
  active: boolean;
  lit: boolean;
  onHover(townId: string | null): void;
  onPick(townId: string): void;
}) {
  const { x, y } = slotCenter(town.slot);
  const r = markerRadius(town.points);
  const label = `${town.name}${own ? ' (your starbase)' : ''}, commander ${town.ownerName}, ${town.points} points, ${town.online ? 'online now' : 'offline'}${shielded ? ', under newcomer protection' : ''}`;
  const key = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onPick(town.townId);
    }
  };
  return (
    <g
      className={styles.marker}
      transform={`translate(${x} ${y})`}
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-expanded={active}
      data-galaxy-town={town.townId}
      data-online={town.online}
      data-own={own || undefined}
      data-shielded={shielded || undefined}
      data-active={active || lit || undefined}
      onMouseEnter={() => onHover(town.townId)}
      onMouseLeave={() => onHover(null)}
      onFocus={() => onPick(town.townId)}
      onClick={(event) => {
        event.stopPropagation();
        onPick(town.townId);
      }}
      onKeyDown={key}
    >
      <circle className={styles.hit} r={Math.max(r + 12, 34)} />
      <circle className={styles.halo} r={r + 9} />
      {shielded && <circle className={styles.shield} r={r + 5} />}
      <g className={styles.body}>
        <circle r={r} fill={own ? 'url(#galaxy-base-own)' : 'url(#galaxy-base)'} className={styles.hull} />
        <circle r={r * 0.45} className={styles.dock} />
        <path d={`M ${-r - 4} 0 H ${-r * 0.45} M ${r * 0.45} 0 H ${r + 4}`} className={styles.spar} />
      </g>
      {town.online && <circle className={styles.onlineDot} cx={r * 0.78} cy={-r * 0.78} r={5} />}
      <text className={styles.name} y={r + 16}>
        {mapLabel(town.name)}
      </text>
      <text className={styles.points} y={r + 29}>
        {formatCompact(town.points)} pts
      </text>
    </g>
  );
});

/** Faint background stars, the same for a sector every time (no Math.random: the server render must match). */
function starDust(sector: number, count: number): { x: number; y: number; r: number; o: number }[] {
  let seed = (sector * 2654435761) >>> 0 || 1;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return ((seed >>> 0) % 10_000) / 10_000;
  };
  return Array.from({ length: count }, () => ({ x: next() * VIEW, y: next() * VIEW, r: 0.4 + next() * 1.1, o: 0.15 + next() * 0.5 }));
}
