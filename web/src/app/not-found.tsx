import Link from 'next/link';
import styles from './status.module.css';

export default function NotFound() {
  return (
    <div className={`container ${styles.wrap}`}>
      <section className={`panel ${styles.card}`}>
        <span className="eyebrow">Error 404</span>
        <h1>Lost in deep space</h1>
        <p className="muted">There is nothing at these coordinates. The page may have moved, or never existed.</p>
        <div className={styles.actions}>
          <Link href="/" className="btn btn-primary">
            Back to home
          </Link>
          <Link href="/play" className="btn">
            Open my starbase
          </Link>
        </div>
      </section>
    </div>
  );
}
