/** The game view's sections, in tab order. "base" first: it is what a fresh page shows. */
export const VIEW_TABS = ['base', 'shipyard', 'fleet', 'galaxy'] as const;
export type ViewTab = (typeof VIEW_TABS)[number];

export const DEFAULT_TAB: ViewTab = 'base';

/**
 * Where the game view is, as the URL hash says it: a section, and for two sections a detail —
 * `#galaxy-3` (the galaxy map on sector 3; plain `#galaxy` is the player's own sector) and
 * `#fleet-raid-<townId>` (the Fleet tab with that starbase picked as the raid target). Other pages link here.
 */
export type ViewRoute =
  | { tab: 'base' }
  | { tab: 'shipyard' }
  | { tab: 'fleet'; raidTarget: string | null }
  | { tab: 'galaxy'; sector: number | null };

/** Town ids as the game uses them (cuids and test ids): letters, digits, `_` and `-`. */
const TOWN_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_SECTOR = 1_000_000;

/** The route a URL hash names; anything unknown is the default section. */
export function routeFromHash(hash: string): ViewRoute {
  const name = decodeHash(hash.replace(/^#/, ''));
  const lower = name.toLowerCase();
  if (lower === 'shipyard') return { tab: 'shipyard' };
  if (lower === 'fleet') return { tab: 'fleet', raidTarget: null };
  if (lower === 'galaxy') return { tab: 'galaxy', sector: null };
  const raid = /^fleet-raid-(.+)$/i.exec(name);
  // the town id keeps its case: ids are case-sensitive
  if (raid) return { tab: 'fleet', raidTarget: TOWN_ID.test(raid[1]!) ? raid[1]! : null };
  const sector = /^galaxy-(\d{1,7})$/i.exec(name);
  if (sector) {
    const n = Number(sector[1]);
    return { tab: 'galaxy', sector: n >= 1 && n <= MAX_SECTOR ? n : null };
  }
  return { tab: 'base' };
}

/** The hash that keeps `route` across reloads and links; the default section keeps a clean URL. */
export function hashForRoute(route: ViewRoute): string {
  if (route.tab === 'fleet' && route.raidTarget) return `#fleet-raid-${route.raidTarget}`;
  if (route.tab === 'galaxy' && route.sector !== null) return `#galaxy-${route.sector}`;
  return route.tab === DEFAULT_TAB ? '' : `#${route.tab}`;
}

/** The plain route of a section (no sector, no raid target). */
export function routeOf(tab: ViewTab): ViewRoute {
  return tab === 'fleet' ? { tab, raidTarget: null } : tab === 'galaxy' ? { tab, sector: null } : { tab };
}

/** The section a URL hash names ("#shipyard", "#galaxy-3"); anything else is the default. */
export function tabFromHash(hash: string): ViewTab {
  return routeFromHash(hash).tab;
}

/** The hash of a section with nothing more picked in it. */
export function hashForTab(tab: ViewTab): string {
  return hashForRoute(routeOf(tab));
}

function decodeHash(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
