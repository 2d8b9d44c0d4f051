'use client';

import { SHIPS, SHIP_INFO, type ShipId, type Town } from '@starscape/shared';
import { ShipIcon } from './icons';
import styles from './missions.module.css';

export interface DockedShipRowsProps {
  /** which picker this is: names the inputs (`<use>-fighter`) and marks the rows (`data-<use>-ship`), so two pickers on one page stay apart */
  use: 'send' | 'raid';
  /** the town advanced to now: what is docked */
  town: Town;
  /** the picked counts, already within 0..docked */
  ships: Record<ShipId, number>;
  onChange: (ship: ShipId, count: number) => void;
  disabled: boolean;
}

/** Picks how many of each docked ship type go: − field +, All and None. Used by the mission composer and the raid panel. */
export function DockedShipRows({ use, town, ships, onChange, disabled }: DockedShipRowsProps) {
  const docked = SHIPS.filter((s) => town.ships[s] > 0);
  if (docked.length === 0) return <p className={styles.noShips}>No ships docked. Build some in the Shipyard, or wait for a fleet to come home.</p>;
  return (
    <ul className={styles.rows} aria-label="Ships to send">
      {docked.map((s) => (
        <ShipRow key={s} use={use} ship={s} docked={town.ships[s]} count={ships[s]} onChange={(n) => onChange(s, n)} disabled={disabled} />
      ))}
    </ul>
  );
}

function ShipRow({ use, ship, docked, count, onChange, disabled }: { use: string; ship: ShipId; docked: number; count: number; onChange: (count: number) => void; disabled: boolean }) {
  const info = SHIP_INFO[ship];
  const inputId = `${use}-${ship}`;
  return (
    <li className={styles.row} {...{ [`data-${use}-ship`]: ship }} data-count={count}>
      <span className={styles.rowShip}>
        <ShipIcon ship={ship} size={22} />
        <label htmlFor={inputId} className={styles.rowName}>
          {info.name}
          <span className={styles.rowDocked}>
            <span className="num">{docked.toLocaleString('en-US')}</span> docked
          </span>
        </label>
      </span>
      <span className={styles.rowControls}>
        <button type="button" className={styles.step} aria-label={`One ${info.name} fewer`} disabled={disabled || count <= 0} onClick={() => onChange(count - 1)}>
          −
        </button>
        <input
          id={inputId}
          className={`num no-spin ${styles.countInput}`}
          type="number"
          inputMode="numeric"
          min={0}
          max={docked}
          step={1}
          value={count}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value === '' ? 0 : Number(event.target.value))}
        />
        <button type="button" className={styles.step} aria-label={`One ${info.name} more`} disabled={disabled || count >= docked} onClick={() => onChange(count + 1)}>
          +
        </button>
        <button type="button" className={styles.chip} aria-pressed={count === docked} disabled={disabled} onClick={() => onChange(docked)}>
          All
        </button>
        <button type="button" className={styles.chip} aria-pressed={count === 0} disabled={disabled} onClick={() => onChange(0)}>
          None
        </button>
      </span>
    </li>
  );
}
