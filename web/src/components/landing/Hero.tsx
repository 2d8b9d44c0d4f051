import Link from 'next/link';
import { GuestPlayButton } from '../../account/components/GuestPlayButton';
import { ResourceTeaser } from './ResourceTeaser';
import { StarbaseArt } from './StarbaseArt';
import styles from './landing.module.css';

/** The first screen: what Starscape is, and the way in. */
export function Hero({ signedIn }: { signedIn: boolean }) {
  return (
    <section className={`container ${styles.hero}`}>
      <div className={styles.heroCopy}>
        <span className="eyebrow">Browser space-strategy MMO</span>
        <h1 className={styles.heroTitle}>
          Command a starbase at the <span className={styles.glowText}>edge of the known stars</span>
        </h1>
        <p className={styles.heroLead}>
          Mine metal and crystal, refine fuel, keep the power grid humming and raise your starbase level by level. It keeps
          working while you are away. Fleets, missions and live battles are next.
        </p>
        <div className={styles.ctas}>
          {signedIn ? (
            <Link href="/play" className="btn btn-primary btn-lg">
              Continue to your starbase
            </Link>
          ) : (
            <>
              <Link href="/signup" className="btn btn-primary btn-lg">
                Sign up free
              </Link>
              <GuestPlayButton large />
            </>
          )}
        </div>
        {!signedIn && (
          <p className={styles.ctaNote}>
            Already commanding? <Link href="/login">Log in</Link>. Guests can save their progress any time.
          </p>
        )}
      </div>
      <div className={styles.heroArt}>
        <StarbaseArt />
        <ResourceTeaser />
      </div>
    </section>
  );
}
