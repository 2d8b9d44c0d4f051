'use client';

import { MAX_SHIPS_PER_ORDER } from '@starscape/shared';
import { useEffect, useState } from 'react';
import { QUICK_COUNTS, clampCount, parseCount } from './shipOrder';
import styles from './shipyard.module.css';

export interface ShipCountPickerProps {
  /** for ids and labels: "fighter" */
  id: string;
  shipName: string;
  count: number;
  onChange: (count: number) => void;
  /** how many the stock pays for now (0: not one) */
  affordable: number;
  disabled: boolean;
}

/** The count of an order: − field +, and quick picks (1, 5, 10, as many as the stock pays for). */
export function ShipCountPicker({ id, shipName, count, onChange, affordable, disabled }: ShipCountPickerProps) {
  // The field may hold text that is not a count yet (empty while retyping); the count stays the last good one.
  const [text, setText] = useState(String(count));
  useEffect(() => {
    setText((current) => (parseCount(current) === count ? current : String(count)));
  }, [count]);

  const set = (value: number) => onChange(clampCount(value));
  const maxPick = Math.max(1, affordable);
  return (
    <div className={styles.picker}>
      <div className={styles.stepper}>
        <button type="button" className={styles.step} aria-label={`One ${shipName} fewer`} disabled={disabled || count <= 1} onClick={() => set(count - 1)}>
          −
        </button>
        <label className="sr-only" htmlFor={`count-${id}`}>
          {shipName}s to order
        </label>
        <input
          id={`count-${id}`}
          className={`num no-spin ${styles.countInput}`}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_SHIPS_PER_ORDER}
          step={1}
          value={text}
          disabled={disabled}
          onChange={(event) => {
            const typed = event.target.value;
            const parsed = parseCount(typed);
            // a count past the limit shows as the limit at once, so the field and the button agree
            setText(parsed !== null && String(parsed) !== typed.trim() ? String(parsed) : typed);
            if (parsed !== null) onChange(parsed);
          }}
          onBlur={() => setText(String(count))}
        />
        <button
          type="button"
          className={styles.step}
          aria-label={`One ${shipName} more`}
          disabled={disabled || count >= MAX_SHIPS_PER_ORDER}
          onClick={() => set(count + 1)}
        >
          +
        </button>
      </div>
      <div className={styles.quick} role="group" aria-label="Quick counts">
        {QUICK_COUNTS.map((n) => (
          <button key={n} type="button" className={styles.chip} aria-pressed={count === n} disabled={disabled} onClick={() => set(n)}>
            {n}
          </button>
        ))}
        <button
          type="button"
          className={styles.chip}
          aria-pressed={affordable > 0 && count === affordable}
          disabled={disabled || affordable === 0}
          title={affordable === 0 ? 'Not enough resources for one yet' : `As many as you can pay for now: ${affordable}`}
          onClick={() => set(maxPick)}
        >
          Max{affordable > 0 ? ` ${affordable.toLocaleString('en-US')}` : ''}
        </button>
      </div>
    </div>
  );
}
