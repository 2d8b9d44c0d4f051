import type { Player } from '@starscape/shared';
import type { GameTokenVerifier } from '../auth/GameTokenVerifier';
import type { UserDirectory } from '../auth/UserDirectory';
import { joinError } from './gameError';

/** Every room's `onAuth`: a valid game token naming an existing account, or a refusal the client can read. */
export async function authenticate(token: string, services: { tokens: GameTokenVerifier; users: UserDirectory }): Promise<Player> {
  const verified = await services.tokens.verify(token);
  if (!verified.ok) throw joinError(verified.code);
  const user = await services.users.find(verified.value.userId);
  if (!user) throw joinError('auth/unknown-user');
  return { userId: user.id, name: user.displayName };
}
