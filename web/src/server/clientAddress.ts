/**
 * The client's address for throttling: `x-forwarded-for`, which web/server.ts rewrites to the one address
 * it can trust (the socket peer, or what TRUST_PROXY_HOPS proxies in front appended), so a client cannot
 * pick its own. `x-real-ip` is a fallback for hosts that run the app some other way.
 */
export function clientAddress(headers: Pick<Headers, 'get'>): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return stripIpv4Mapped(forwarded);
  const real = headers.get('x-real-ip')?.trim();
  if (real) return stripIpv4Mapped(real);
  return 'unknown';
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are the same client. */
function stripIpv4Mapped(address: string): string {
  return address.toLowerCase().startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
