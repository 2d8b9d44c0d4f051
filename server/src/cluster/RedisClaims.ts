import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { newProcessId, type Claim, type ClaimKind, type ClusterClaims } from './ClusterClaims';

const PREFIX = 'starscape:claim:';
const PROCESS_PREFIX = 'starscape:process:';

/** How long a process counts as alive after its last heartbeat, and how often it beats. */
export const PROCESS_TTL_MS = 15_000;
export const HEARTBEAT_MS = 5_000;

/**
 * Takes a key unless a live process holds it (a holder whose heartbeat expired is taken over).
 * KEYS[1] claim key; ARGV[1] our value "<processId> <kind>"; ARGV[2] heartbeat key prefix. Returns the
 * blocking value, or false when taken.
 */
const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current then
  local holder = string.match(current, '^(%S+)')
  if redis.call('EXISTS', ARGV[2] .. holder) == 1 then return current end
end
redis.call('SET', KEYS[1], ARGV[1])
return false`;

/** Deletes the claim key if ARGV[1] (a process id) holds it. */
const RELEASE = `
local current = redis.call('GET', KEYS[1])
if current and string.match(current, '^(%S+)') == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

/** Claims shared by every game process through Redis. */
export class RedisClaims implements ClusterClaims {
  readonly processId = newProcessId();
  private readonly redis: Redis;
  private readonly mine = new Set<string>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    redisUrl: string,
    private readonly logger: Logger,
  ) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
    this.redis.on('error', (error: Error) => this.logger.warn('redis (claims) error', { error: error.message }));
  }

  async acquire(key: string, kind: ClaimKind): Promise<Claim | null> {
    const blocking = (await this.redis.eval(ACQUIRE, 1, PREFIX + key, `${this.processId} ${kind}`, PROCESS_PREFIX)) as string | null;
    if (blocking === null) {
      this.mine.add(key);
      return null;
    }
    return parseClaim(blocking);
  }

  async release(key: string): Promise<void> {
    this.mine.delete(key);
    await this.redis.eval(RELEASE, 1, PREFIX + key, this.processId);
  }

  async holder(key: string): Promise<Claim | null> {
    const value = await this.redis.get(PREFIX + key);
    if (!value) return null;
    const claim = parseClaim(value);
    return (await this.redis.exists(PROCESS_PREFIX + claim.holder)) ? claim : null;
  }

  async alive(processId: string): Promise<boolean> {
    return (await this.redis.exists(PROCESS_PREFIX + processId)) === 1;
  }

  async start(): Promise<void> {
    await this.redis.connect();
    await this.beat();
    this.heartbeat = setInterval(() => {
      this.beat().catch((error: unknown) => this.logger.error('claims heartbeat failed', { error: String(error) }));
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    const left = [...this.mine];
    if (left.length > 0) this.logger.warn('giving back claims still held at stop', { count: left.length });
    for (const key of left) await this.release(key);
    await this.redis.del(PROCESS_PREFIX + this.processId);
    await this.redis.quit();
  }

  private async beat(): Promise<void> {
    await this.redis.set(PROCESS_PREFIX + this.processId, String(Date.now()), 'PX', PROCESS_TTL_MS);
  }
}

function parseClaim(value: string): Claim {
  const [holder = '', kind] = value.split(' ');
  return { holder, kind: kind === 'update' ? 'update' : 'room' };
}
