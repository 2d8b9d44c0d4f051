'use client';

import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { DEFAULT_TAB, hashForRoute, routeFromHash, routeOf, type ViewRoute, type ViewTab } from './viewTab';

/** Fired on window when the route changes through `replaceState` (which sends no `hashchange`). */
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
 * Where the game view is — the open section and what is picked in it — kept in the URL hash (`/play#shipyard`,
 * `/play#galaxy-3`), so a reload or a shared link opens the same place. The server render (and hydration)
 * always shows the default section.
 */
export function useViewRoute(): [ViewRoute, (route: ViewRoute) => void] {
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => '',
  );
  const route = useMemo(() => routeFromHash(hash), [hash]);
  const setRoute = useCallback((next: ViewRoute) => {
    const { pathname, search } = window.location;
    // replace, not push: switching sections should not fill the Back button's history; the entry keeps its
    // state (Next's router keeps its own there)
    window.history.replaceState(window.history.state, '', `${pathname}${search}${hashForRoute(next)}`);
    window.dispatchEvent(new Event(TAB_EVENT));
  }, []);
  return [route, setRoute];
}

/** The open section alone, and a setter that opens a section with nothing picked in it. */
export function useViewTab(): [ViewTab, (tab: ViewTab) => void] {
  const [route, setRoute] = useViewRoute();
  const setTab = useCallback((tab: ViewTab) => setRoute(routeOf(tab)), [setRoute]);
  return [route.tab ?? DEFAULT_TAB, setTab];
}
