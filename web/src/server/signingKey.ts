import 'server-only';
import type { CryptoKey } from 'jose';
import { env } from './env';
import { importSigningKey } from './gameToken';

let cached: { pem: string; key: Promise<CryptoKey> } | undefined;

/** The game-token signing key from GAME_TOKEN_PRIVATE_KEY, imported once; null when not configured. */
export function signingKey(): Promise<CryptoKey> | null {
  const pem = env().GAME_TOKEN_PRIVATE_KEY;
  if (!pem) return null;
  if (cached?.pem !== pem) cached = { pem, key: importSigningKey(pem) };
  return cached.key;
}
