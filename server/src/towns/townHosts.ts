/**
 * Which host room holds a town. Towns share Colyseus rooms: a town's host is fixed by a hash of its id, so
 * any process (matchmaking, an outside change, a remote call) finds it from the town id alone, and a player
 * costs a connection and a town, not a room of their own (BENCHMARKS.md: the Room machinery per player was
 * what separated the server from the bare-Colyseus floor with many towns a room).
 *
 * Every process of a cluster must use the same count (`TOWN_HOSTS`): a town's host is where the others look
 * for it. A town's cluster claim still keeps it live in one host at most.
 */
/** Towns share 64 host rooms unless told otherwise (`TOWN_HOSTS`): 1,000 players make about 16 towns a host, 16,000 about 250. */
export const DEFAULT_TOWN_HOSTS = 64;

export class TownHosts {
  /** @param count host rooms the towns are spread over; 0: a host per town (a room per town) */
  constructor(readonly count: number) {
    if (!Number.isInteger(count) || count < 0) throw new Error(`TownHosts: count must be a whole number ≥ 0, got ${count}`);
  }

  /** The host's key (its matchmaking filter); for a town id that is not a string, a key no host accepts. */
  keyOf(townId: unknown): string {
    if (typeof townId !== 'string') return 'invalid';
    return this.count === 0 ? `t-${townId}` : String(fnv1a(townId) % this.count);
  }

  /** The room id of the host that holds (or would hold) `townId`. */
  roomIdOf(townId: string): string {
    return townHostRoomId(this.keyOf(townId));
  }
}

/** Room id of the host with `key`: deterministic, so a remote call can address it. */
export const townHostRoomId = (key: string) => `towns-${key}`;

/** The cluster claim a host room holds while it lives (no two processes open the same host). */
export const townHostClaimKey = (key: string) => `townhost:${key}`;

/** 32-bit FNV-1a over the UTF-16 code units: fast, stable across processes and versions. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
