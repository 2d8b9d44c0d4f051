'use client';

import type { GalaxyTown } from '@starscape/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { SectorBrowser } from '../../galaxy/map/SectorBrowser';
import { SectorMap } from '../../galaxy/map/SectorMap';
import { TownCard } from '../../galaxy/map/TownCard';
import { TownList } from '../../galaxy/map/TownList';
import { cardPlacement, sectorSummary } from '../../galaxy/map/mapLayout';
import { useGalaxy, useGalaxyCommands } from '../../galaxy/session/GalaxyProvider';
import type { SectorLinkState } from '../../galaxy/session/galaxyStore';
import { useGame } from '../session/GameProvider';
import { useServerNow } from '../session/useServerNow';
import mapStyles from '../../galaxy/map/map.module.css';
import styles from './galaxy.module.css';

/** How long a hover card stays after the pointer leaves its marker: time to move onto the card's links. */
const HOVER_GRACE_MS = 220;

export interface GalaxyViewProps {
  /** the sector asked for (`#galaxy-3`); null: the player's own */
  sector: number | null;
  onSector(sector: number | null): void;
  /** opens the Fleet tab with `townId` picked as the raid target */
  onRaid(townId: string): void;
}

/**
 * The Galaxy section: one sector at a time — its map, its starbases listed beside it, and a browser through the
 * galaxy's sectors. The sector shown is the URL's (`#galaxy-<n>`), else the player's own.
 */
export function GalaxyView({ sector: asked, onSector, onRaid }: GalaxyViewProps) {
  const home = useGalaxy((s) => s.you?.sector ?? null);
  // a player without a starbase has no sector of their own: they look at the one the chat joined
  const homeless = useGalaxy((s) => (s.you !== null && s.you.sector === null ? s.chatSector : null));
  const shown = asked ?? home ?? homeless;
  const link = useGalaxy((s) => (shown === null ? null : (s.links[shown] ?? null)));
  const chatLink = useGalaxy((s) => (s.chatSector === null ? null : (s.links[s.chatSector] ?? null)));
  // how many sectors there are: from the room shown, else from any room the page has joined
  const count = useGalaxy((s) => Object.values(s.links).reduce((n, l) => Math.max(n, l.view?.sectorCount ?? 0), 0));

  if (shown === null) {
    return (
      <section className={`panel ${styles.galaxy}`} data-galaxy-view aria-busy="true">
        <LinkState link={chatLink} idle="Locating your starbase in the galaxy…" />
      </section>
    );
  }
  const sectorCount = Math.max(count, 1);
  return (
    <section className={`panel ${styles.galaxy}`} aria-labelledby="galaxy-title" data-galaxy-view>
      <header className={styles.head}>
        <div className={styles.titles}>
          <span className="eyebrow">Galaxy</span>
          <h2 id="galaxy-title" className={styles.title}>
            Sector <span className="num">{shown}</span>
            {shown === home && <span className={styles.homeTag}>Your sector</span>}
          </h2>
          <SectorLine link={link} sector={shown} count={sectorCount} />
        </div>
        <SectorBrowser sector={shown} count={sectorCount} home={home} onSector={onSector} onHome={() => onSector(null)} />
      </header>
      {/* a fresh sector starts with no card open */}
      <SectorBody key={shown} sector={shown} link={link} onRaid={onRaid} />
    </section>
  );
}

function SectorLine({ link, sector, count }: { link: SectorLinkState | null; sector: number; count: number }) {
  const view = link?.view;
  if (!view) return <p className={styles.summary}>Scanning…</p>;
  const { count: bases, online } = sectorSummary(view.towns);
  return (
    <p className={styles.summary} data-sector-count={count}>
      {sector > count ? (
        <>Uncharted space: the galaxy has {count} {count === 1 ? 'sector' : 'sectors'} so far.</>
      ) : (
        <>
          <span className="num">{bases}</span> {bases === 1 ? 'starbase' : 'starbases'} · <span className={styles.onlineCount}>
            <span className="num">{online}</span> online
          </span>
        </>
      )}
      {link && link.status !== 'live' && <span className={styles.linkNote}> · {link.status === 'offline' ? 'offline' : 'reconnecting…'}</span>}
    </p>
  );
}

function SectorBody({ sector, link, onRaid }: { sector: number; link: SectorLinkState | null; onRaid(townId: string): void }) {
  const towns = link?.view?.towns ?? NO_TOWNS;
  const ownTownId = useGalaxy((s) => s.you?.townId ?? null);
  const canRaid = useGame((s) => s.role === 'owner');
  const connection = useGalaxyCommands();
  const now = useServerNow(1000);
  const [pinned, setPinned] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [listOpen, setListOpen] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<string | null>(null);
  const leaveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(leaveTimer.current ?? undefined), []);

  const hover = useCallback((townId: string | null) => {
    if (leaveTimer.current) clearTimeout(leaveTimer.current);
    leaveTimer.current = null;
    if (townId) setHovered(townId);
    else leaveTimer.current = setTimeout(() => setHovered(null), HOVER_GRACE_MS);
  }, []);
  const pick = useCallback((townId: string) => {
    setPinned(townId);
    setListOpen(null);
  }, []);
  const clear = useCallback(() => {
    setPinned(null);
    setHovered(null);
  }, []);
  useEffect(() => {
    const escape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      clear();
      setListOpen(null);
    };
    window.addEventListener('keydown', escape);
    return () => window.removeEventListener('keydown', escape);
  }, [clear]);

  const byId = (id: string | null) => (id ? (towns.find((t) => t.townId === id) ?? null) : null);
  const mapTown = byId(hovered) ?? byId(pinned);
  const listTown = byId(listOpen);
  const card = (town: GalaxyTown, onMap: boolean) => (
    <TownCard
      town={town}
      own={town.townId === ownTownId}
      canRaid={canRaid}
      onRaid={onRaid}
      onClose={onMap ? clear : () => setListOpen(null)}
      placement={onMap ? cardPlacement(town.slot) : undefined}
      onPointerInside={onMap ? (inside) => hover(inside ? town.townId : null) : undefined}
    />
  );

  if (!link?.view) {
    return (
      <div className={styles.body}>
        <div className={`${mapStyles.mapFrame} ${styles.scanning}`} data-galaxy-sector={sector} data-loading>
          <LinkState link={link} idle={`Scanning sector ${sector}…`} onRetry={() => connection?.retryNow()} />
        </div>
      </div>
    );
  }
  return (
    <div className={styles.body}>
      <div className={styles.mapColumn}>
        <SectorMap sector={sector} towns={towns} ownTownId={ownTownId} now={now} activeId={mapTown?.townId ?? null} highlightId={highlight} onHover={hover} onPick={pick} onClear={clear}>
          {mapTown && !(listTown && mapTown.townId === listTown.townId) && card(mapTown, true)}
        </SectorMap>
        <Legend />
      </div>
      <div className={styles.listColumn}>
        <h3 className={styles.listTitle}>Starbases</h3>
        <TownList
          towns={towns}
          ownTownId={ownTownId}
          now={now}
          openId={listTown?.townId ?? null}
          onToggle={(townId) => {
            clear();
            setListOpen((open) => (open === townId ? null : townId));
          }}
          onHighlight={setHighlight}
          card={listTown ? card(listTown, false) : null}
        />
      </div>
    </div>
  );
}
const NO_TOWNS: readonly GalaxyTown[] = [];

function Legend() {
  return (
    <ul className={mapStyles.legend} aria-label="Map legend">
      <li>
        <span className={mapStyles.legendOnline} aria-hidden="true" /> Online now
      </li>
      <li>
        <span className={mapStyles.legendOwn} aria-hidden="true" /> Your starbase
      </li>
      <li>
        <span className={mapStyles.legendShield} aria-hidden="true" /> Newcomer-protected
      </li>
      <li>
        <span className={mapStyles.legendSize} aria-hidden="true" /> Size: points
      </li>
    </ul>
  );
}

function LinkState({ link, idle, onRetry }: { link: SectorLinkState | null; idle: string; onRetry?: () => void }) {
  if (link?.status === 'offline') {
    return (
      <div className={styles.linkState} role="status">
        <p>{link.problem ?? 'The galaxy cannot be reached right now.'}</p>
        {onRetry && (
          <button type="button" className="btn btn-sm" onClick={onRetry}>
            Retry now
          </button>
        )}
      </div>
    );
  }
  return (
    <div className={styles.linkState} role="status">
      <span className="spinner" aria-hidden="true" />
      <p>{link?.problem && link.status === 'reconnecting' ? `${link.problem} Reconnecting…` : idle}</p>
    </div>
  );
}
