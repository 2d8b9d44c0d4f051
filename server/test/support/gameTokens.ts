import { randomUUID } from 'node:crypto';
import { SignJWT, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import { GAME_TOKEN_ALG, GAME_TOKEN_AUDIENCE, GAME_TOKEN_ISSUER, GAME_TOKEN_TTL_SECONDS } from '@starscape/shared';

export interface TokenOptions {
  name?: string;
  issuer?: string;
  audience?: string;
  /** seconds from now; negative for an expired token */
  expiresIn?: number;
  key?: CryptoKey;
}

/** A key pair like the web app's, and a signer that can also make every kind of bad token. */
export async function createTestTokens() {
  const { publicKey, privateKey } = await generateKeyPair(GAME_TOKEN_ALG, { crv: 'Ed25519', extractable: true });
  const otherKey = (await generateKeyPair(GAME_TOKEN_ALG, { crv: 'Ed25519' })).privateKey;
  const publicKeyPem = await exportSPKI(publicKey);

  async function sign(userId: string, options: TokenOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ name: options.name ?? `Pilot ${userId}` })
      .setProtectedHeader({ alg: GAME_TOKEN_ALG })
      .setSubject(userId)
      .setIssuer(options.issuer ?? GAME_TOKEN_ISSUER)
      .setAudience(options.audience ?? GAME_TOKEN_AUDIENCE)
      .setIssuedAt(now - 1)
      .setExpirationTime(now + (options.expiresIn ?? GAME_TOKEN_TTL_SECONDS))
      .setJti(randomUUID())
      .sign(options.key ?? privateKey);
  }

  return { publicKeyPem, sign, otherKey };
}
