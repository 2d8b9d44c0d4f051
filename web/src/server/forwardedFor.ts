/**
 * The address of the client as far as this server can trust it, given the socket's peer address, the
 * incoming `X-Forwarded-For`, and how many proxies in front of us append to that header.
 *
 * With 0 trusted hops (serving directly), a client-sent `X-Forwarded-For` is ignored: the socket peer is the
 * client. With n hops (e.g. 1 behind Fly's proxy), the client is the n-th entry from the right of
 * "<X-Forwarded-For>, <socket peer>" — anything further left was written by the client and may be forged.
 */
export function trustedClientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trustedHops: number): string | undefined {
  const chain = (forwardedFor ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (socketAddress) chain.push(socketAddress);
  if (chain.length === 0) return undefined;
  return chain[Math.max(0, chain.length - 1 - trustedHops)];
}
