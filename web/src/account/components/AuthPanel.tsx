import type { ReactNode } from 'react';
import { LogoMark } from '../../components/shell/Logo';
import styles from './auth.module.css';

/** The framed card the sign-up and log-in pages sit in. */
export function AuthPanel({ eyebrow, title, lead, children, footer }: { eyebrow: string; title: string; lead: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className={styles.wrap}>
      <section className={`panel ${styles.card}`}>
        <div className={styles.head}>
          <LogoMark size={40} />
          <span className="eyebrow">{eyebrow}</span>
          <h1 className={styles.title}>{title}</h1>
          <p className="muted">{lead}</p>
        </div>
        {children}
        {footer && <div className={styles.footer}>{footer}</div>}
      </section>
    </div>
  );
}

/** A labelled divider ("or"). */
export function OrDivider({ children = 'or' }: { children?: ReactNode }) {
  return (
    <div className={styles.divider} role="separator">
      <span>{children}</span>
    </div>
  );
}
