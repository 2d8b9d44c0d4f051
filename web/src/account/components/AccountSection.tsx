import type { ReactNode } from 'react';
import styles from './account.module.css';

/** One titled panel of the account page. */
export function AccountSection({
  id,
  title,
  lead,
  tone,
  children,
}: {
  id?: string;
  title: string;
  lead?: ReactNode;
  tone?: 'danger' | 'highlight';
  children: ReactNode;
}) {
  return (
    <section id={id} className={`panel ${styles.section}`} data-tone={tone}>
      <h2 className={styles.sectionTitle}>{title}</h2>
      {lead && <p className={`muted ${styles.lead}`}>{lead}</p>}
      {children}
    </section>
  );
}
