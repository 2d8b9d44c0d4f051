'use client';

import { useEffect } from 'react';
import { useGame } from '../session/GameProvider';
import type { Toast } from '../session/gameStore';
import styles from './status.module.css';

const TOAST_MS = 6_000;

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  useEffect(() => {
    const id = setTimeout(() => onDismiss(toast.id), TOAST_MS);
    return () => clearTimeout(id);
  }, [toast.id, onDismiss]);
  return (
    <li className={styles.toast} data-tone={toast.tone} role={toast.tone === 'error' ? 'alert' : 'status'}>
      <span>{toast.text}</span>
      <button type="button" className={styles.toastClose} onClick={() => onDismiss(toast.id)} aria-label="Dismiss">
        ×
      </button>
    </li>
  );
}

/** Messages from the server (refused commands) and from the page, bottom right, fading out. */
export function Toasts() {
  const toasts = useGame((s) => s.toasts);
  const dismiss = useGame((s) => s.actions.dismissToast);
  return (
    <ol className={styles.toasts} aria-label="Notifications">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
      ))}
    </ol>
  );
}
