/**
 * Game tokens for the benches' players, signed with a throwaway key made for the run (the web app signs the
 * real ones; the game server checks them the same way).
 */
import { SignJWT, exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, type CryptoKey } from 'jose';
import { GAME_TOKEN_ALG, GAME_TOKEN_AUDIENCE, GAME_TOKEN_ISSUER, GAME_TOKEN_TTL_SECONDS } from '@starscape/shared';

export type SignToken = (player: { userId: string; name: string }) => Promise<string>;

/** A fresh key pair as PEM: the public key for the server (GAME_TOKEN_PUBLIC_KEY), the private one to sign. */
export async function throwawayKeys(): Promise<{ publicKeyPem: string; privateKeyPem: string }> {
  const { publicKey, privateKey } = await generateKeyPair(GAME_TOKEN_ALG, { crv: 'Ed25519', extractable: true });
  return { publicKeyPem: await exportSPKI(publicKey), privateKeyPem: await exportPKCS8(privateKey) };
}

/** Signs a player's game token as the web app would. */
export async function signer(privateKeyPem: string): Promise<SignToken> {
  const key: CryptoKey = await importPKCS8(privateKeyPem, GAME_TOKEN_ALG);
  return (player) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ name: player.name })
      .setProtectedHeader({ alg: GAME_TOKEN_ALG })
      .setSubject(player.userId)
      .setIssuer(GAME_TOKEN_ISSUER)
      .setAudience(GAME_TOKEN_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + GAME_TOKEN_TTL_SECONDS)
      .sign(key);
  };
}
