/**
 * Where to go after logging in: the `next` path when it is a path on this site, else `fallback`.
 * Refuses absolute and protocol-relative URLs so a link cannot bounce a player to another site.
 */
export function safeNext(value: string | null | undefined, fallback = '/play'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f]/.test(value)) return fallback;
  return value;
}
