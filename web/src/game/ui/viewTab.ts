/** The game view's sections, in tab order. "base" first: it is what a fresh page shows. */
export const VIEW_TABS = ['base', 'shipyard', 'fleet'] as const;
export type ViewTab = (typeof VIEW_TABS)[number];

export const DEFAULT_TAB: ViewTab = 'base';

/** The section a URL hash names ("#shipyard"); anything else is the default. */
export function tabFromHash(hash: string): ViewTab {
  const name = hash.replace(/^#/, '').toLowerCase();
  return (VIEW_TABS as readonly string[]).includes(name) ? (name as ViewTab) : DEFAULT_TAB;
}

/** The hash that keeps `tab` across reloads and links; the default tab keeps a clean URL. */
export function hashForTab(tab: ViewTab): string {
  return tab === DEFAULT_TAB ? '' : `#${tab}`;
}
