import { BATTLE_SIDES, type BattleSide, type CombatUnitType } from '@starscape/shared';
import { ShipGlyph } from './ShipGlyph';
import { UNIT_SHAPES } from './shapes';
import styles from './battle.module.css';

/** What the arena's shapes and marks mean; only the unit types that take part are listed. */
export function Legend({ types, names }: { types: readonly CombatUnitType[]; names: Record<BattleSide, string> }) {
  return (
    <div className={styles.legend} aria-label="Legend">
      <ul className={styles.legendSides}>
        {BATTLE_SIDES.map((side) => (
          <li key={side} data-side={side}>
            <span className={styles.swatch} data-side={side} aria-hidden="true" />
            <span>
              <strong>{names[side]}</strong> <span className="muted">· {side}</span>
            </span>
          </li>
        ))}
      </ul>
      <ul className={styles.legendUnits}>
        {types.map((type) => (
          <li key={type}>
            <span className={styles.glyphPair}>
              {type === 'turret' ? (
                <ShipGlyph type="turret" side="defender" size={18} />
              ) : (
                <>
                  <ShipGlyph type={type} side="attacker" size={18} />
                  <ShipGlyph type={type} side="defender" size={18} />
                </>
              )}
            </span>
            {UNIT_SHAPES[type].name}
            {type === 'turret' && <span className="muted"> (defense grid)</span>}
          </li>
        ))}
      </ul>
      <ul className={styles.legendMarks}>
        <li>
          <span className={styles.markShot} aria-hidden="true" /> shot that hit
        </li>
        <li>
          <span className={styles.markMiss} aria-hidden="true" /> miss
        </li>
        <li>
          <span className={styles.markBars} aria-hidden="true">
            <i />
            <i />
          </span>
          shield and hull left
        </li>
        <li>
          <span className={styles.markBoom} aria-hidden="true" /> destroyed
        </li>
      </ul>
    </div>
  );
}
