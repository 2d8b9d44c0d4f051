import { joinError } from '../rooms/gameError';
import { acquireWhenFree, type ClusterClaims } from './ClusterClaims';

/** How long a room being created waits for its key to be given back (a closing room's last save, an outside update). */
export const ROOM_CLAIM_WAIT_MS = 3_000;

/**
 * Runs a room's creation holding its cluster claim (`battle:<id>`, `galaxy:<n>`), so no other process opens
 * the same room; a claim held by a live room elsewhere refuses the join with `server/room-elsewhere` (the
 * client joins again and finds that room). If creation fails the claim is given back; otherwise the room gives
 * it back in `onDispose` with `claims.release(key)`.
 */
export async function createClaimed<T>(claims: ClusterClaims, key: string, create: () => Promise<T>): Promise<T> {
  if (await acquireWhenFree(claims, key, 'room', { timeoutMs: ROOM_CLAIM_WAIT_MS })) throw joinError('server/room-elsewhere');
  try {
    return await create();
  } catch (error) {
    await claims.release(key);
    throw error;
  }
}
