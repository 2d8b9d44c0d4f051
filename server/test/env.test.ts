import { describe, expect, it } from 'vitest';
import { readServerEnv } from '../src/env';

const KEY = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----';

describe('the game server environment', () => {
  it('fills every default', () => {
    expect(readServerEnv({ GAME_TOKEN_PUBLIC_KEY: KEY })).toMatchObject({
      GAME_PORT: 2567,
      GAME_HOST: '0.0.0.0',
      GAME_SPEED: 1,
      AUTOSAVE_INTERVAL_MS: 5000,
      RECONNECT_GRACE_SECONDS: 30,
      LOG_LEVEL: 'info',
      HEAP_GROWTH_PERCENT: 75,
      TOWN_HOSTS: 64,
    });
  });

  it('spreads towns over 0 (a room each) to 100,000 hosts, and nothing else', () => {
    expect(readServerEnv({ GAME_TOKEN_PUBLIC_KEY: KEY, TOWN_HOSTS: '0' }).TOWN_HOSTS).toBe(0);
    expect(readServerEnv({ GAME_TOKEN_PUBLIC_KEY: KEY, TOWN_HOSTS: '256' }).TOWN_HOSTS).toBe(256);
    for (const bad of ['-1', '100001', '2.5', 'many']) {
      expect(() => readServerEnv({ GAME_TOKEN_PUBLIC_KEY: KEY, TOWN_HOSTS: bad })).toThrowError(/TOWN_HOSTS/);
    }
  });

  it('takes a heap growth from 0 (V8 decides) to 300 %, and nothing else', () => {
    expect(readServerEnv({ GAME_TOKEN_PUBLIC_KEY: KEY, HEAP_GROWTH_PERCENT: '0' }).HEAP_GROWTH_PERCENT).toBe(0);
    expect(readServerEnv({ GAME_TOKEN_PUBLIC_KEY: KEY, HEAP_GROWTH_PERCENT: '50' }).HEAP_GROWTH_PERCENT).toBe(50);
    for (const bad of ['-1', '301', '12.5', 'lots']) {
      expect(() => readServerEnv({ GAME_TOKEN_PUBLIC_KEY: KEY, HEAP_GROWTH_PERCENT: bad })).toThrowError(/HEAP_GROWTH_PERCENT/);
    }
  });

  it('names every bad variable in one error', () => {
    const message = (() => {
      try {
        readServerEnv({ GAME_PORT: 'abc', GAME_SPEED: '-1', LOG_LEVEL: 'loud' });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const name of ['GAME_PORT', 'GAME_SPEED', 'LOG_LEVEL', 'GAME_TOKEN_PUBLIC_KEY']) expect(message).toContain(name);
  });

  it('wants the monitor credentials together', () => {
    expect(() => readServerEnv({ GAME_TOKEN_PUBLIC_KEY: KEY, MONITOR_USERNAME: 'ops' })).toThrowError(/set together/);
    expect(readServerEnv({ GAME_TOKEN_PUBLIC_KEY: KEY, MONITOR_USERNAME: 'ops', MONITOR_PASSWORD: 'long enough' }).MONITOR_USERNAME).toBe('ops');
  });
});
