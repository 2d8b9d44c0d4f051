import Link from 'next/link';
import { LogOutButton } from '../../account/components/LogOutButton';
import { currentUser } from '../../server/session';
import { LogoMark, Wordmark } from './Logo';
import { NavLink } from './NavLink';
import styles from './shell.module.css';

export async function SiteHeader() {
  const user = await currentUser();
  return (
    <header className={styles.header}>
      <div className={`container ${styles.headerInner}`}>
        <Link href="/" className={styles.brand} aria-label="Starscape home">
          <LogoMark />
          <Wordmark />
        </Link>
        <nav className={styles.nav} aria-label="Main">
          <NavLink href="/play">Play</NavLink>
          {user && <NavLink href="/battles">Battles</NavLink>}
          {user && <NavLink href="/leaderboard">Leaderboard</NavLink>}
          {user && <NavLink href="/account">Account</NavLink>}
        </nav>
        <div className={styles.session}>
          {user ? (
            <>
              <span className={styles.pilot} title={user.isGuest ? 'Guest account' : user.email ?? undefined}>
                <span className={styles.pilotDot} aria-hidden="true" />
                {user.displayName}
                {user.isGuest && <span className="badge">Guest</span>}
              </span>
              {user.isGuest && (
                <Link href="/account#claim" className={`btn btn-sm ${styles.saveProgress}`}>
                  Save progress
                </Link>
              )}
              <LogOutButton isGuest={user.isGuest} />
            </>
          ) : (
            <>
              <Link href="/login" className="btn btn-sm">
                Log in
              </Link>
              <Link href="/signup" className="btn btn-sm btn-primary">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
