'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { parseSectorInput, stepSector } from './sectorNav';
import styles from './browser.module.css';

export interface SectorBrowserProps {
  sector: number;
  /** sectors 1..count exist */
  count: number;
  /** the player's own sector, when known */
  home: number | null;
  onSector(sector: number): void;
  onHome(): void;
}

/** Previous / next, a field to jump to a sector by number, and the way back to one's own. */
export function SectorBrowser({ sector, count, home, onSector, onHome }: SectorBrowserProps) {
  const [typed, setTyped] = useState(String(sector));
  useEffect(() => setTyped(String(sector)), [sector]);
  const previous = stepSector(sector, -1, count);
  const next = stepSector(sector, 1, count);
  const jump = (event?: FormEvent) => {
    event?.preventDefault();
    const target = parseSectorInput(typed, count);
    if (target === null || target === sector) {
      setTyped(String(sector));
      return;
    }
    onSector(target);
  };
  return (
    <nav className={styles.browser} aria-label="Sectors">
      <button type="button" className={styles.stepButton} disabled={previous === null} onClick={() => previous !== null && onSector(previous)} aria-label="Previous sector" data-sector-prev>
        ‹
      </button>
      <form className={styles.jump} onSubmit={jump} noValidate>
        <label className={styles.jumpLabel} htmlFor="sector-jump">
          Sector
        </label>
        <input
          id="sector-jump"
          className={`num no-spin ${styles.jumpInput}`}
          type="number"
          inputMode="numeric"
          min={1}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          onBlur={() => jump()}
          data-sector-input
        />
        <span className={styles.jumpOf}>
          of <span className="num">{count}</span>
        </span>
      </form>
      <button type="button" className={styles.stepButton} disabled={next === null} onClick={() => next !== null && onSector(next)} aria-label="Next sector" data-sector-next>
        ›
      </button>
      <button type="button" className={`btn btn-sm ${styles.homeButton}`} disabled={home === null || home === sector} onClick={onHome} data-my-sector>
        ⌂ My sector
      </button>
    </nav>
  );
}
