/**
 * The client's address for throttling: the first entry of `x-forwarded-for` (Next's own server
 * fills that header from the socket when no proxy did), else `x-real-ip`.
 *
 * Behind a proxy that appends to a client-sent `x-forwarded-for`, the first entry is whatever the
 * client wrote; deploy behind a proxy that overwrites the header.
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
