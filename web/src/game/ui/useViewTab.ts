'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { DEFAULT_TAB, hashForTab, tabFromHash, type ViewTab } from './viewTab';

/** Fired on window when the tab changes through `replaceState` (which sends no `hashchange`). */
const TAB_EVENT = 'starscape:view-tab';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener(TAB_EVENT, onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener(TAB_EVENT, onChange);
  };
}

/**
 * The open section of the game view, kept in the URL hash (`/play#shipyard`), so a reload or a shared
 * link opens the same section. The server render (and hydration) always shows the default tab.
 */
export function useViewTab(): [ViewTab, (tab: ViewTab) => void] {
  const tab = useSyncExternalStore(
    subscribe,
    () => tabFromHash(window.location.hash),
    () => DEFAULT_TAB,
  );
  const setTab = useCallback((next: ViewTab) => {
    const { pathname, search } = window.location;
    // replace, not push: switching sections should not fill the Back button's history
    window.history.replaceState(null, '', `${pathname}${search}${hashForTab(next)}`);
    window.dispatchEvent(new Event(TAB_EVENT));
  }, []);
  return [tab, setTab];
}
