import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthPanel, OrDivider } from '../../account/components/AuthPanel';
import { GuestPlayButton } from '../../account/components/GuestPlayButton';
import { LogInForm } from '../../account/components/LogInForm';
import { safeNext } from '../../account/safeNext';
import { currentUser } from '../../server/session';

export const metadata: Metadata = { title: 'Log in' };

export default async function LogInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = await searchParams;
  const target = safeNext(typeof next === 'string' ? next : undefined);
  const user = await currentUser();
  if (user && !user.isGuest) redirect(target);
  return (
    <AuthPanel
      eyebrow="Welcome back"
      title="Log in"
      lead="Your starbase kept working while you were gone."
      footer={
        <>
          New to Starscape? <Link href="/signup">Create an account</Link>
        </>
      }
    >
      <LogInForm next={target} />
      <OrDivider />
      <GuestPlayButton block />
    </AuthPanel>
  );
}
