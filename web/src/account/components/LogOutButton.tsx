'use client';

import type { FormEvent } from 'react';
import { logOut } from '../authActions';

const GUEST_WARNING =
  'You are playing as a guest. Once you log out you cannot log back in to this starbase. Log out anyway?\n\n(Save your account on the Account page to keep it.)';

/**
 * Log out is a POST (a Server Action), never a link a crawler or prefetch could follow. A guest is asked
 * first: a guest account has no way back in.
 */
export function LogOutButton({ isGuest }: { isGuest: boolean }) {
  const confirmGuest = (event: FormEvent<HTMLFormElement>) => {
    if (isGuest && !window.confirm(GUEST_WARNING)) event.preventDefault();
  };
  return (
    <form action={logOut} onSubmit={confirmGuest}>
      <button type="submit" className="btn btn-sm">
        Log out
      </button>
    </form>
  );
}
