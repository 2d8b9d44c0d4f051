import { RESOURCES, RESOURCE_INFO, SHIP_INFO, type BattleOutcome, type BattleSide } from '@starscape/shared';
import { ShipGlyph } from './ShipGlyph';
import { RESULT_LABEL, resultFor, tallies, type BattleReport, type LootInfo } from './report';
import styles from './reports.module.css';

const whole = new Intl.NumberFormat('en-US');

/** VICTORY / DEFEAT / DRAW for the side the report is read from; "running" while it is fought. */
export function ResultBadge({ report }: { report: BattleReport }) {
  const side = report.viewerSide ?? 'attacker';
  const result = report.status === 'running' ? 'running' : report.outcome ? resultFor(report.outcome.winner, side) : null;
  const label = result === 'running' ? 'In progress' : result ? (report.viewerSide ? RESULT_LABEL[result] : `${side === 'attacker' ? 'Attacker' : 'Defender'} ${RESULT_LABEL[result].toLowerCase()}`) : 'Unknown';
  return (
    <span className={styles.result} data-result={result ?? 'unknown'}>
      {label}
    </span>
  );
}

/** Losses per ship type as compact chips: a glyph, lost of brought. */
export function LossChips({ outcome, side, empty = 'No ships' }: { outcome: BattleOutcome; side: BattleSide; empty?: string }) {
  const rows = tallies(outcome, side);
  const turrets = side === 'defender' && outcome.turrets.total > 0 ? outcome.turrets : null;
  if (rows.length === 0 && !turrets) return <span className="muted">{empty}</span>;
  return (
    <ul className={styles.chips}>
      {rows.map((r) => (
        <li key={r.ship} className={styles.chip} data-lost={r.lost > 0 || undefined} title={`${SHIP_INFO[r.ship].name}: ${r.lost} lost of ${r.brought}${r.escaped ? `, ${r.escaped} escaped` : ''}`}>
          <ShipGlyph type={r.ship} side={side} size={16} />
          <span className="num">
            {r.lost > 0 ? <strong>−{whole.format(r.lost)}</strong> : <span className={styles.zero}>0</span>}
            <span className={styles.of}>/{whole.format(r.brought)}</span>
          </span>
          <span className="sr-only">{SHIP_INFO[r.ship].name}</span>
        </li>
      ))}
      {turrets && (
        <li className={styles.chip} data-lost={turrets.destroyed > 0 || undefined} title={`Turrets: ${turrets.destroyed} destroyed of ${turrets.total}`}>
          <ShipGlyph type="turret" side="defender" size={16} />
          <span className="num">
            {turrets.destroyed > 0 ? <strong>−{turrets.destroyed}</strong> : <span className={styles.zero}>0</span>}
            <span className={styles.of}>/{turrets.total}</span>
          </span>
          <span className="sr-only">Turrets</span>
        </li>
      )}
    </ul>
  );
}

/**
 * The loot line: amounts by resource, "none", or "not on record". `lost`: told to the player it was taken from
 * (a raid on their starbase).
 */
export function LootView({ loot, compact = false, lost = false }: { loot: LootInfo; compact?: boolean; lost?: boolean }) {
  if (loot.kind === 'none') return <span className="muted">None</span>;
  if (loot.kind === 'unknown') {
    return (
      <span className="muted" title="The battle record keeps the fleets and orders, not the cargo: the haul is known only while the fleet flies home.">
        {lost ? 'Taken' : 'Delivered home'}
        {!compact && ' (amount not kept in the battle record)'}
      </span>
    );
  }
  const parts = RESOURCES.filter((r) => loot.cargo[r] > 0);
  if (parts.length === 0) return <span className="muted">Nothing to carry</span>;
  return (
    <span className={styles.loot}>
      {parts.map((r) => (
        <span key={r} className={styles.lootItem} data-resource={r}>
          <span className={styles.lootDot} aria-hidden="true" />
          <span className="num">{whole.format(Math.floor(loot.cargo[r]))}</span> {compact ? '' : RESOURCE_INFO[r].name.toLowerCase()}
          {compact && <span className="sr-only">{RESOURCE_INFO[r].name}</span>}
        </span>
      ))}
    </span>
  );
}

/** A side's whole story: per ship type, brought / lost / escaped / still standing, and the turrets. */
export function ForcesTable({ outcome, side }: { outcome: BattleOutcome; side: BattleSide }) {
  const rows = tallies(outcome, side);
  const escapedAny = rows.some((r) => r.escaped > 0);
  const turrets = side === 'defender' && outcome.turrets.total > 0 ? outcome.turrets : null;
  if (rows.length === 0 && !turrets) return <p className="muted">No ships took part on this side.</p>;
  return (
    <table className={styles.forces}>
      <thead>
        <tr>
          <th scope="col">Unit</th>
          <th scope="col">Brought</th>
          <th scope="col">Lost</th>
          {escapedAny && <th scope="col">Escaped</th>}
          <th scope="col">Left</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.ship}>
            <th scope="row">
              <ShipGlyph type={r.ship} side={side} size={18} /> {SHIP_INFO[r.ship].name}
            </th>
            <td className="num">{whole.format(r.brought)}</td>
            <td className="num" data-bad={r.lost > 0 || undefined}>
              {r.lost > 0 ? `−${whole.format(r.lost)}` : '0'}
            </td>
            {escapedAny && <td className="num">{whole.format(r.escaped)}</td>}
            <td className="num">{whole.format(r.survived)}</td>
          </tr>
        ))}
        {turrets && (
          <tr>
            <th scope="row">
              <ShipGlyph type="turret" side="defender" size={18} /> Turrets
            </th>
            <td className="num">{turrets.total}</td>
            <td className="num" data-bad={turrets.destroyed > 0 || undefined}>
              {turrets.destroyed > 0 ? `−${turrets.destroyed}` : '0'}
            </td>
            {escapedAny && <td className="num">0</td>}
            <td className="num">{turrets.total - turrets.destroyed}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
