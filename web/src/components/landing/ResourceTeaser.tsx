import styles from './landing.module.css';

const ROWS = [
  { name: 'Metal', value: '12,480', rate: '+96/h', fill: 0.62, color: 'var(--metal)' },
  { name: 'Crystal', value: '7,215', rate: '+54/h', fill: 0.36, color: 'var(--crystal)' },
  { name: 'Fuel', value: '1,930', rate: '+21/h', fill: 0.18, color: 'var(--fuel)' },
];

/** A static glimpse of the in-game resource panel, floating over the illustration. */
export function ResourceTeaser() {
  return (
    <div className={`panel ${styles.teaser}`} aria-hidden="true">
      <div className={styles.teaserTitle}>
        <span className={styles.liveDot} /> Starbase · live
      </div>
      {ROWS.map((row) => (
        <div key={row.name} className={styles.teaserRow}>
          <span className={styles.teaserName}>{row.name}</span>
          <span className="num">{row.value}</span>
          <span className={styles.teaserRate}>{row.rate}</span>
          <span className={styles.teaserBar}>
            <span style={{ width: `${row.fill * 100}%`, background: row.color }} />
          </span>
        </div>
      ))}
    </div>
  );
}
