import styles from './mailSent.module.css';

/**
 * What a form turns into once a link is on its way: where it went, what to do, and (on a server that sends
 * no mail) where the link is. `again` lets the player fix a mistyped address.
 */
export function MailSentPanel({ email, toDo, note, again }: { email: string; toDo: string; note?: string; again: { label: string; onClick: () => void } }) {
  return (
    <div className={styles.panel} role="status" aria-live="polite">
      <div className={styles.icon} aria-hidden="true">
        <svg viewBox="0 0 48 48" width="48" height="48">
          <rect x="5" y="11" width="38" height="27" rx="5" fill="none" stroke="currentColor" strokeWidth="2.5" />
          <path d="M7 14l17 13 17-13" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round" />
          <circle cx="40" cy="12" r="6" className={styles.ping} />
        </svg>
      </div>
      <h2 className={styles.title}>Check your inbox</h2>
      <p className={styles.address}>{email}</p>
      <p className={styles.message}>
        We sent a link to this address. Open it within 24 hours {toDo}. Nothing there after a few minutes? Look in
        your spam folder, or try again.
      </p>
      {note && <p className={styles.note}>{note}</p>}
      <button type="button" className="btn btn-sm" onClick={again.onClick}>
        {again.label}
      </button>
    </div>
  );
}
