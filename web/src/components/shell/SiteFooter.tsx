import Link from 'next/link';
import { LogoMark } from './Logo';
import styles from './shell.module.css';

export function SiteFooter() {
  return (
    <footer className={styles.footer}>
      <div className={`container ${styles.footerInner}`}>
        <span className={styles.footerBrand}>
          <LogoMark size={20} /> Starscape
        </span>
        <span className="muted">A browser space-strategy MMO. Build, launch fleets, raid rivals and command live battles.</span>
        <nav className={styles.footerNav} aria-label="Footer">
          <Link href="/">Home</Link>
          <Link href="/play">Play</Link>
          <Link href="/account">Account</Link>
        </nav>
      </div>
    </footer>
  );
}
