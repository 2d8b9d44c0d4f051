import Link from 'next/link';
import styles from '../../status.module.css';

export default function BattleNotFound() {
  return (
    <div className={`container ${styles.wrap}`}>
      <section className={`panel ${styles.card}`}>
        <span className="eyebrow">No such battle</span>
        <h1>Nothing on the scanners</h1>
        <p className="muted">No battle has this id. The link may be mistyped, or cut short.</p>
        <div className={styles.actions}>
          <Link href="/battles" className="btn btn-primary">
            My battle reports
          </Link>
        </div>
      </section>
    </div>
  );
}
