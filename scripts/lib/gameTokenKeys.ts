import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';

export interface GameTokenKeys {
  privateKeyPem: string;
  publicKeyPem: string;
  /** where they came from, for the start log */
  source: 'environment' | 'generated' | 'data folder';
}

/**
 * The Ed25519 key pair for game tokens: from GAME_TOKEN_PRIVATE_KEY / GAME_TOKEN_PUBLIC_KEY when both are
 * set, else from `<dataDir>/keys/`, generated there on first start (0600, never committed: data/ is ignored).
 */
export async function loadOrCreateGameTokenKeys(dataDir: string, env = process.env): Promise<GameTokenKeys> {
  if (env.GAME_TOKEN_PRIVATE_KEY && env.GAME_TOKEN_PUBLIC_KEY) {
    return { privateKeyPem: env.GAME_TOKEN_PRIVATE_KEY, publicKeyPem: env.GAME_TOKEN_PUBLIC_KEY, source: 'environment' };
  }
  if (env.GAME_TOKEN_PRIVATE_KEY || env.GAME_TOKEN_PUBLIC_KEY) {
    throw new Error('Set both GAME_TOKEN_PRIVATE_KEY and GAME_TOKEN_PUBLIC_KEY, or neither (then keys are generated in the data folder).');
  }
  const dir = path.join(dataDir, 'keys');
  const privatePath = path.join(dir, 'game-token-ed25519.private.pem');
  const publicPath = path.join(dir, 'game-token-ed25519.public.pem');
  if (existsSync(privatePath) && existsSync(publicPath)) {
    return { privateKeyPem: await readFile(privatePath, 'utf8'), publicKeyPem: await readFile(publicPath, 'utf8'), source: 'data folder' };
  }
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const privateKeyPem = await exportPKCS8(privateKey);
  const publicKeyPem = await exportSPKI(publicKey);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(privatePath, privateKeyPem, { mode: 0o600 });
  await chmod(privatePath, 0o600);
  await writeFile(publicPath, publicKeyPem, { mode: 0o644 });
  return { privateKeyPem, publicKeyPem, source: 'generated' };
}
