import { fetchGameToken, type GameTokenResponse } from '../../game/session/tokenApi';

/** A grant with less than this left is not handed out again: the join it serves must still verify. */
const MIN_LEFT_MS = 30_000;

/**
 * One game token for several room links at once (the chat's sector and the one on the map): concurrent asks share
 * one request, and a grant is reused while it has time left. A failed request is not remembered. `signal` only
 * stops the caller from waiting; the shared request runs on for the others.
 */
export function sharedTokens(fetchToken: (signal: AbortSignal) => Promise<GameTokenResponse> = fetchGameToken, now: () => number = Date.now) {
  let current: Promise<GameTokenResponse> | null = null;
  let grant: GameTokenResponse | null = null;
  return (signal?: AbortSignal): Promise<GameTokenResponse> => {
    if (grant && grant.expiresAt - now() > MIN_LEFT_MS) return Promise.resolve(grant);
    if (!current) {
      // its own signal, never aborted: one caller giving up must not cancel it for the others
      const request = fetchToken(new AbortController().signal);
      current = request;
      request.then(
        (fresh) => {
          grant = fresh;
          if (current === request) current = null;
        },
        () => {
          if (current === request) current = null;
        },
      );
    }
    const shared = current;
    if (!signal) return shared;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      shared.then(resolve, reject);
    });
  };
}
