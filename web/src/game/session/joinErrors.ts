import { ERROR_MESSAGES, parseErrorCode, type ErrorCode } from '@starscape/shared';
import { GameTokenError } from './tokenApi';

/** What to do after a failed (re)join. */
export interface JoinFailure {
  /** shown to the player */
  message: string;
  /** retrying cannot help (the town or account is gone, the session ended) */
  fatal: boolean;
  /** the web session is over: the player must log in again */
  signedOut: boolean;
}

/** Codes after which retrying is pointless. */
const FATAL_CODES: readonly ErrorCode[] = ['auth/unknown-user', 'town/not-found', 'town/invalid-options'];

/** Colyseus 0.16 matchmaking errors carry `code` (number) and the server's message. */
function serverMessageOf(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return null;
}

/** The shared error code of a join refusal ("<code>: <human text>"), or of a bare human text. */
function codeOf(message: string): ErrorCode | null {
  const parsed = parseErrorCode(message);
  if (parsed) return parsed;
  const byText = (Object.entries(ERROR_MESSAGES) as [ErrorCode, string][]).find(([, text]) => text === message);
  return byText ? byText[0] : null;
}

export function classifyJoinError(error: unknown): JoinFailure {
  if (error instanceof GameTokenError) return { message: error.message, fatal: error.signedOut, signedOut: error.signedOut };
  const message = serverMessageOf(error);
  const code = message ? codeOf(message) : null;
  if (code) return { message: ERROR_MESSAGES[code], fatal: FATAL_CODES.includes(code), signedOut: false };
  // Network failures (server down, connection refused) surface as bare Errors or ProgressEvents.
  return { message: 'Cannot reach the game server.', fatal: false, signedOut: false };
}
