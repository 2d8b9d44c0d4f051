import type { ReactNode } from 'react';

/** A submit button that shows it is working while the action runs. */
export function SubmitButton({
  pending,
  children,
  pendingLabel,
  variant = 'primary',
  block = true,
}: {
  pending: boolean;
  children: ReactNode;
  pendingLabel?: string;
  variant?: 'primary' | 'danger' | 'plain';
  block?: boolean;
}) {
  const variantClass = variant === 'primary' ? 'btn-primary' : variant === 'danger' ? 'btn-danger' : '';
  return (
    <button
      type="submit"
      className={`btn ${variantClass}`}
      disabled={pending}
      aria-busy={pending || undefined}
      style={block ? { width: '100%' } : undefined}
    >
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {pendingLabel ?? 'Working…'}
        </>
      ) : (
        children
      )}
    </button>
  );
}
