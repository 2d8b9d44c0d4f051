import { z } from 'zod';

/** Who may read a game token: the game server. */
export const GAME_TOKEN_AUDIENCE = 'starscape:game';
/** Who signs game tokens: the web app. */
export const GAME_TOKEN_ISSUER = 'starscape:web';
/** Ed25519 signatures: the web app holds the private key, the game server only the public key. */
export const GAME_TOKEN_ALG = 'EdDSA';
/** A game token lives five minutes; the page asks for a new one on every (re)join. */
export const GAME_TOKEN_TTL_SECONDS = 300;

/** The claims of a game token after its signature, issuer, audience and times were verified. */
export const gameTokenClaimsSchema = z.object({
  /** user id */
  sub: z.string().min(1).max(64),
  /** display name, for other players to see */
  name: z.string().min(1).max(64),
  iss: z.literal(GAME_TOKEN_ISSUER),
  aud: z.union([z.literal(GAME_TOKEN_AUDIENCE), z.array(z.string()).refine((a) => a.includes(GAME_TOKEN_AUDIENCE))]),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().min(1).max(128).optional(),
});
export type GameTokenClaims = z.infer<typeof gameTokenClaimsSchema>;

/** What the game server knows about the player behind a verified token. */
export interface Player {
  userId: string;
  name: string;
}
