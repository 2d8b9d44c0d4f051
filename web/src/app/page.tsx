import Link from 'next/link';
import { FeatureGrid } from '../components/landing/FeatureGrid';
import { Hero } from '../components/landing/Hero';
import { HowItWorks } from '../components/landing/HowItWorks';
import styles from '../components/landing/landing.module.css';
import { currentUser } from '../server/session';

export default async function LandingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [user, params] = await Promise.all([currentUser(), searchParams]);
  return (
    <>
      {params.farewell === '1' && (
        <div className="container">
          <p className={styles.farewell} role="status">
            Your account and starbase were deleted. Safe travels, commander.
          </p>
        </div>
      )}
      <Hero signedIn={user !== null} />
      <FeatureGrid />
      <HowItWorks />
      <div className="container">
        <section className={`panel ${styles.closing}`}>
          <div>
            <h2>Your starbase is waiting</h2>
            <p className="muted">Free, in the browser, nothing to install.</p>
          </div>
          <Link href={user ? '/play' : '/signup'} className="btn btn-primary btn-lg">
            {user ? 'Open my starbase' : 'Start playing'}
          </Link>
        </section>
      </div>
    </>
  );
}
