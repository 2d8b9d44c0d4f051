/** The body of POST /api/game-token: a short-lived token for the game server, and where to find it. */
export interface GameTokenResponse {
  token: string;
  /** ms epoch */
  expiresAt: number;
  townId: string;
  serverUrl: string;
}

/** Why a token could not be had; `signedOut` means the session is gone and retrying will not help. */
export class GameTokenError extends Error {
  constructor(
    message: string,
    readonly signedOut: boolean,
  ) {
    super(message);
  }
}

/** Asks the web app for a game token (the session cookie goes along). */
export async function fetchGameToken(signal?: AbortSignal): Promise<GameTokenResponse> {
  let response: Response;
  try {
    response = await fetch('/api/game-token', { method: 'POST', credentials: 'same-origin', signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new GameTokenError('Cannot reach Starscape. Check your connection.', false);
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 401) throw new GameTokenError('You were logged out. Log in again to return to your starbase.', true);
  if (!response.ok) {
    const message = typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : `Token request failed (${response.status}).`;
    throw new GameTokenError(message, false);
  }
  return body as GameTokenResponse;
}
