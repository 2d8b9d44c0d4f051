import type { Metadata } from 'next';
import Link from 'next/link';
import { AccountSection } from '../../account/components/AccountSection';
import { ChangePasswordForm } from '../../account/components/ChangePasswordForm';
import { ClaimForm } from '../../account/components/ClaimForm';
import { DeleteAccountForm } from '../../account/components/DeleteAccountForm';
import { DisplayNameForm } from '../../account/components/DisplayNameForm';
import styles from '../../account/components/account.module.css';
import { requireUser } from '../../server/session';

export const metadata: Metadata = { title: 'Account' };

const joined = new Intl.DateTimeFormat('en', { dateStyle: 'long' });

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('/account');
  const { claimed } = await searchParams;
  return (
    <div className={`container ${styles.page}`}>
      <div className={styles.profile}>
        <div className={styles.avatar} aria-hidden="true">
          {user.displayName.slice(0, 1).toUpperCase()}
        </div>
        <div>
          <h1 className={styles.name}>
            {user.displayName}
            {user.isGuest && <span className="badge">Guest</span>}
          </h1>
          <p className={styles.meta}>
            {user.email ?? 'No email yet'} · commander since {joined.format(user.createdAt)}
          </p>
        </div>
        <Link href="/play" className="btn btn-primary" style={{ marginLeft: 'auto' }}>
          Back to my starbase
        </Link>
      </div>

      {claimed === '1' && !user.isGuest && (
        <p className={styles.saved} role="status">
          Account saved. Your starbase is yours for good: log in with {user.email} from any device.
        </p>
      )}

      <div className={styles.grid}>
        {user.isGuest && (
          <AccountSection
            id="claim"
            title="Save your guest account"
            tone="highlight"
            lead="Guest progress lives only in this browser's session. Add an email and a password to keep your starbase and play from any device."
          >
            <ClaimForm />
          </AccountSection>
        )}

        <AccountSection title="Commander name" lead="How other players see you.">
          <DisplayNameForm current={user.displayName} />
        </AccountSection>

        {!user.isGuest && (
          <AccountSection title="Password" lead="Changing it signs out your other devices.">
            <ChangePasswordForm />
          </AccountSection>
        )}

        <AccountSection
          id="delete"
          title="Delete account"
          tone="danger"
          lead="Removes your account and your starbase for good. This cannot be undone."
        >
          <DeleteAccountForm isGuest={user.isGuest} />
        </AccountSection>
      </div>
    </div>
  );
}
