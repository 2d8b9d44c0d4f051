import { RedisPresence } from '@colyseus/redis-presence';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAvailable } from '../../../scripts/services/availability';
import { redisCheck, startRedis, type LocalRedis } from '../../../scripts/services/redis';
import { RedisClaims } from '../../src/cluster/RedisClaims';
import { createLogger } from '../../src/logger';
import { OnlinePlayers, type OnlineChange } from '../../src/presence/OnlinePlayers';

const available = serviceAvailable(redisCheck(), 'the online-players sweep test');

describe.skipIf(!available)('who is online, across processes, when one of them crashes', () => {
  let redis: LocalRedis;
  let raw: Redis;
  const closers: Array<() => Promise<void> | void> = [];
  const logger = createLogger('error');

  /** One game process's view: its own claims (heartbeat) and presence connection. */
  async function gameProcess() {
    const claims = new RedisClaims(redis.url, logger);
    await claims.start();
    const presence = new RedisPresence(redis.url);
    const online = new OnlinePlayers(claims, logger, () => presence);
    await online.start();
    closers.push(() => online.stop(), () => presence.shutdown(), () => claims.stop().catch(() => undefined));
    return { claims, presence, online };
  }

  beforeAll(async () => {
    redis = await startRedis();
    raw = new Redis(redis.url);
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    raw?.disconnect();
    await redis?.stop();
  });

  it('counts a player online while any process holds a connection, and sweeps a crashed process’s share once', async () => {
    const [a, b, c] = [await gameProcess(), await gameProcess(), await gameProcess()];
    const flips: OnlineChange[] = [];
    b.online.subscribe((change) => flips.push(change));
    await new Promise((r) => setTimeout(r, 50)); // the subscription reaches Redis

    await a.online.connected('ada'); // ada's town room on A
    await a.online.connected('bob');
    await b.online.connected('bob'); // bob also has a galaxy room on B
    expect(await b.online.whoIsOnline(['ada', 'bob', 'cy'])).toEqual(new Set(['ada', 'bob']));

    // A dies (SIGKILL): no leave is ever counted; its heartbeat runs out
    await raw.del(`starscape:process:${a.claims.processId}`);
    const swept = await Promise.all([b.online.sweep(), c.online.sweep()]);
    expect(swept.reduce((x, y) => x + y, 0)).toBe(1); // one of them subtracted A's share, once
    expect(await c.online.whoIsOnline(['ada', 'bob'])).toEqual(new Set(['bob'])); // bob is still connected to B
    await new Promise((r) => setTimeout(r, 100));
    expect(flips).toEqual([
      { userId: 'ada', online: true },
      { userId: 'bob', online: true },
      { userId: 'ada', online: false },
    ]);
    expect(await b.online.sweep()).toBe(0); // nothing left to sweep

    await b.online.disconnected('bob');
    expect(await c.online.whoIsOnline(['bob'])).toEqual(new Set());
  });
});
