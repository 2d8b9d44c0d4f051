import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthPanel, OrDivider } from '../../account/components/AuthPanel';
import { GuestPlayButton } from '../../account/components/GuestPlayButton';
import { SignUpForm } from '../../account/components/SignUpForm';
import styles from '../../account/components/auth.module.css';
import { currentUser } from '../../server/session';

export const metadata: Metadata = { title: 'Sign up' };

export default async function SignUpPage() {
  const user = await currentUser();
  if (user && !user.isGuest) redirect('/play');
  return (
    <AuthPanel
      eyebrow="New commander"
      title="Found your starbase"
      lead="Free to play in your browser. Your starbase keeps producing while you are away."
      footer={
        <>
          Already a commander? <Link href="/login">Log in</Link>
        </>
      }
    >
      {user?.isGuest && (
        <p className={styles.notice}>
          You are playing as the guest <strong>{user.displayName}</strong>. To keep that starbase,{' '}
          <Link href="/account#claim">save your guest account</Link> instead: signing up here starts a new one.
        </p>
      )}
      <SignUpForm />
      <OrDivider>or just try it</OrDivider>
      <GuestPlayButton block label="Play as guest, no email needed" />
    </AuthPanel>
  );
}
