import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAvailable } from '../../../scripts/services/availability';
import { redisCheck, startRedis, type LocalRedis } from '../../../scripts/services/redis';
import { acquireWhenFree } from '../../src/cluster/ClusterClaims';
import { RedisClaims } from '../../src/cluster/RedisClaims';
import { createLogger } from '../../src/logger';

const available = serviceAvailable(redisCheck(), 'the Redis claims tests');

describe.skipIf(!available)('cluster claims on a real Redis', () => {
  let redis: LocalRedis;
  let raw: Redis;
  const logger = createLogger('error');
  const opened: RedisClaims[] = [];
  const processClaims = async () => {
    const claims = new RedisClaims(redis.url, logger);
    await claims.start();
    opened.push(claims);
    return claims;
  };

  beforeAll(async () => {
    redis = await startRedis();
    raw = new Redis(redis.url);
  });
  afterAll(async () => {
    for (const claims of opened) await claims.stop().catch(() => undefined);
    raw?.disconnect();
    await redis?.stop();
  });

  it('gives a key to one process at a time and says who holds it', async () => {
    const [a, b] = [await processClaims(), await processClaims()];
    expect(await a.acquire('town:1', 'room')).toBeNull();
    expect(await b.acquire('town:1', 'update')).toEqual({ holder: a.processId, kind: 'room' });
    expect(await a.acquire('town:1', 'room')).toEqual({ holder: a.processId, kind: 'room' }); // not twice, even by its holder
    expect(await b.holder('town:1')).toEqual({ holder: a.processId, kind: 'room' });
    await b.release('town:1'); // not b's to give back
    expect(await b.holder('town:1')).toEqual({ holder: a.processId, kind: 'room' });
    await a.release('town:1');
    expect(await b.holder('town:1')).toBeNull();
    expect(await b.acquire('town:1', 'update')).toBeNull();
    await b.release('town:1');
  });

  it('lets exactly one of many simultaneous takers win', async () => {
    const takers = await Promise.all(Array.from({ length: 6 }, () => processClaims()));
    const results = await Promise.all(takers.map((c) => c.acquire('battle:race', 'room')));
    expect(results.filter((r) => r === null)).toHaveLength(1);
    const winner = takers[results.indexOf(null)]!;
    expect(results.filter((r) => r !== null).every((r) => r!.holder === winner.processId)).toBe(true);
    await winner.release('battle:race');
  });

  it('hands a crashed process’s keys over once its heartbeat has expired, not before', async () => {
    const [crashed, survivor] = [await processClaims(), await processClaims()];
    expect(await crashed.acquire('town:2', 'room')).toBeNull();
    expect(await survivor.acquire('town:2', 'room')).not.toBeNull();
    await raw.del(`starscape:process:${crashed.processId}`); // its heartbeat ran out (what a SIGKILL leads to)
    expect(await survivor.holder('town:2')).toBeNull();
    expect(await survivor.acquire('town:2', 'room')).toBeNull();
    await survivor.release('town:2');
  });

  it('waits for a short update to end, and gives back every key still held on stop', async () => {
    const [writer, room] = [await processClaims(), await processClaims()];
    expect(await writer.acquire('town:3', 'update')).toBeNull();
    setTimeout(() => void writer.release('town:3'), 60);
    expect(await acquireWhenFree(room, 'town:3', 'room', { timeoutMs: 2_000 })).toBeNull();
    expect(await writer.acquire('town:4', 'room')).toBeNull();
    await writer.stop();
    opened.splice(opened.indexOf(writer), 1);
    expect(await room.holder('town:4')).toBeNull();
    expect(await raw.exists(`starscape:process:${writer.processId}`)).toBe(0);
    await room.release('town:3');
  });
});
