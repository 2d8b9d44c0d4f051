'use client';

import { useActionState } from 'react';
import { FormAlert } from '../../forms/FormAlert';
import type { FormState } from '../../forms/formState';
import { playAsGuest } from '../authActions';

const initial: FormState = { status: 'idle' };

/** "Play as guest": creates a guest pilot with a starbase and goes to the game. */
export function GuestPlayButton({ label = 'Play as guest', large = false, block = false }: { label?: string; large?: boolean; block?: boolean }) {
  const [state, action, pending] = useActionState(playAsGuest, initial);
  return (
    <form action={action} style={{ display: 'inline-flex', flexDirection: 'column', gap: 8, width: block ? '100%' : undefined }}>
      <button
        type="submit"
        className={`btn ${large ? 'btn-lg' : ''}`}
        disabled={pending}
        aria-busy={pending || undefined}
        style={block ? { width: '100%' } : undefined}
      >
        {pending ? (
          <>
            <span className="spinner" aria-hidden="true" /> Preparing your starbase…
          </>
        ) : (
          label
        )}
      </button>
      <FormAlert state={state} />
    </form>
  );
}
