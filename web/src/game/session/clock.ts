/**
 * Server clock estimation. Game time is server time; the client keeps `offset` so that
 * `Date.now() + offset` ≈ the server's clock. Each Clock round trip gives an estimate; the one with
 * the smallest round trip is the most accurate (the least room for asymmetric delays), so it is kept.
 */
export interface ClockEstimate {
  /** ms to add to Date.now() to get server time */
  offset: number;
  /** round-trip time of the sample this came from; Infinity for the rough first guess */
  rtt: number;
}

/** Before anything is known: trust the local clock. */
export const UNKNOWN_CLOCK: ClockEstimate = { offset: 0, rtt: Number.POSITIVE_INFINITY };

/** The estimate from one Clock round trip: the server answered `serverTime` about half-way through. */
export function sampleClock(clientSentAt: number, serverTime: number, clientReceivedAt: number): ClockEstimate {
  const rtt = Math.max(0, clientReceivedAt - clientSentAt);
  return { offset: serverTime + rtt / 2 - clientReceivedAt, rtt };
}

/** A rough estimate from a one-way message (Welcome): the transit time is unknown. */
export function roughClock(serverTime: number, receivedAt: number): ClockEstimate {
  return { offset: serverTime - receivedAt, rtt: Number.POSITIVE_INFINITY };
}

/** Keeps whichever estimate came from the faster round trip (a tie goes to the newer one). */
export function betterClock(current: ClockEstimate, next: ClockEstimate): ClockEstimate {
  return next.rtt <= current.rtt ? next : current;
}
