'use client';

import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { VIEW_TABS, type ViewTab } from './viewTab';
import styles from './tabs.module.css';

export interface TabSpec {
  label: string;
  icon: ReactNode;
  /** a small count after the label (ships in production), hidden when null */
  badge?: string | null;
  badgeLabel?: string;
}

/**
 * The section switcher (WAI-ARIA tabs, automatic activation): arrow keys, Home and End move between
 * tabs; only the selected tab is in the Tab order. The panel is rendered by the caller under `tabPanelId`.
 * `shown`: the sections offered (a visitor gets fewer), in tab order.
 */
export function ViewTabs({
  tab,
  onSelect,
  tabs,
  shown = VIEW_TABS,
}: {
  tab: ViewTab;
  onSelect: (tab: ViewTab) => void;
  tabs: Record<ViewTab, TabSpec>;
  shown?: readonly ViewTab[];
}) {
  const refs = useRef<Partial<Record<ViewTab, HTMLButtonElement | null>>>({});
  const move = (event: KeyboardEvent, from: ViewTab) => {
    const i = shown.indexOf(from);
    const last = shown.length - 1;
    const to =
      event.key === 'ArrowRight' ? (i === last ? 0 : i + 1) : event.key === 'ArrowLeft' ? (i === 0 ? last : i - 1) : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
    if (to === null) return;
    event.preventDefault();
    const next = shown[to]!;
    onSelect(next);
    refs.current[next]?.focus();
  };
  return (
    <div className={styles.tabs} role="tablist" aria-label="Starbase sections">
      {shown.map((t) => {
        const spec = tabs[t];
        const selected = t === tab;
        return (
          <button
            key={t}
            ref={(el) => {
              refs.current[t] = el;
            }}
            type="button"
            role="tab"
            id={tabId(t)}
            data-tab={t}
            aria-selected={selected}
            aria-controls={tabPanelId(t)}
            tabIndex={selected ? 0 : -1}
            className={styles.tab}
            onClick={() => onSelect(t)}
            onKeyDown={(event) => move(event, t)}
          >
            <span className={styles.icon}>{spec.icon}</span>
            {spec.label}
            {spec.badge && (
              <span className={`num ${styles.badge}`} aria-label={spec.badgeLabel}>
                {spec.badge}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

export const tabId = (tab: ViewTab) => `tab-${tab}`;
export const tabPanelId = (tab: ViewTab) => `panel-${tab}`;
