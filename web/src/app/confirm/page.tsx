import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthPanel } from '../../account/components/AuthPanel';
import { ConfirmLinkForm } from '../../account/components/ConfirmLinkForm';
import styles from '../../account/components/auth.module.css';
import { findConfirmation } from '../../server/emailConfirmations';

export const metadata: Metadata = { title: 'Confirm your email', robots: { index: false } };

/**
 * Where a mailed link lands. It only shows what the link is for; the button spends it, so a mail scanner
 * that fetches the link confirms nothing.
 */
export default async function ConfirmPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const pending = typeof token === 'string' ? await findConfirmation(token) : null;
  if (!pending || typeof token !== 'string') {
    return (
      <AuthPanel
        eyebrow="Confirmation link"
        title="This link no longer works"
        lead="It was already used, a newer one was sent, or it is more than 24 hours old. Sign up again for a fresh one."
        footer={
          <>
            Already confirmed? <Link href="/login">Log in</Link>
          </>
        }
      >
        <Link href="/signup" className="btn btn-primary" style={{ width: '100%' }}>
          Sign up again
        </Link>
      </AuthPanel>
    );
  }
  const signUp = pending.purpose === 'signUp';
  return (
    <AuthPanel
      eyebrow={signUp ? 'One last step' : 'Save your guest account'}
      title={signUp ? `Welcome aboard, ${pending.displayName}` : 'Confirm your email'}
      lead={
        signUp
          ? 'Confirm your email and your starbase is founded: you will be signed in and taken to it.'
          : `Commander ${pending.displayName}, confirm this address and your guest starbase is yours for good.`
      }
    >
      <p className={styles.confirmAddress}>
        <span className="muted">Email</span>
        <strong>{pending.email}</strong>
      </p>
      <ConfirmLinkForm
        token={token}
        label={signUp ? 'Confirm and found my starbase' : 'Confirm and save my account'}
        pendingLabel={signUp ? 'Founding your starbase…' : 'Saving…'}
      />
    </AuthPanel>
  );
}
