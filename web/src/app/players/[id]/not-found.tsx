import Link from 'next/link';
import styles from '../../status.module.css';

export default function PlayerNotFound() {
  return (
    <div className={`container ${styles.wrap}`}>
      <section className={`panel ${styles.card}`}>
        <span className="eyebrow">No such player</span>
        <h1>Unknown commander</h1>
        <p className="muted">No player has this id. The link may be mistyped, or cut short.</p>
        <div className={styles.actions}>
          <Link href="/leaderboard" className="btn btn-primary">
            Leaderboard
          </Link>
        </div>
      </section>
    </div>
  );
}
