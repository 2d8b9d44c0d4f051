import { Client } from 'colyseus.js';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advertisedAddress, machineInPath, routeUpgrade } from '../../src/cluster/machineRouting';
import { startTestServer, type TestServer } from '../support/startTestServer';

describe('routing a WebSocket upgrade to the machine that holds the room', () => {
  it('advertises <public address>/m/<machine id> on a known machine, the bare address elsewhere', () => {
    expect(advertisedAddress('starscape-game.fly.dev', '148e21ea7d5589')).toBe('starscape-game.fly.dev/m/148e21ea7d5589');
    expect(advertisedAddress('starscape-game.fly.dev/', '148e21ea7d5589')).toBe('starscape-game.fly.dev/m/148e21ea7d5589');
    expect(advertisedAddress('10.0.0.5:2567', undefined)).toBe('10.0.0.5:2567');
    expect(advertisedAddress(undefined, '148e21ea7d5589')).toBeUndefined();
  });

  it('reads the machine from the path and serves, or replays on the named machine', () => {
    expect(machineInPath('/m/148e21ea7d5589/proc1/town-abc?sessionId=x')).toBe('148e21ea7d5589');
    expect(machineInPath('/proc1/town-abc?sessionId=x')).toBeNull();
    expect(machineInPath('/m/../etc/passwd')).toBeNull();
    expect(machineInPath('/m/')).toBeNull();
    expect(routeUpgrade('/m/aaa/p/r', 'aaa')).toEqual({ serve: true });
    expect(routeUpgrade('/m/bbb/p/r', 'aaa')).toEqual({ serve: false, replayOn: 'bbb' });
    expect(routeUpgrade('/p/r', 'aaa')).toEqual({ serve: true }); // no machine named: the proxy picked us
    expect(routeUpgrade('/m/bbb/p/r', undefined)).toEqual({ serve: true }); // not on Fly: nothing to replay to
  });
});

describe('a game server on machine "aaa" behind a shared public address', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ cluster: { machineId: 'aaa', publicAddressOf: (port) => `127.0.0.1:${port}/m/aaa` } });
  });
  afterAll(async () => {
    await t?.server.shutdown();
  });

  it('answers an upgrade meant for machine "bbb" with fly-replay, and upgrades nothing', async () => {
    const response = await new Promise<{ status: number; replay: string | undefined }>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${t.port}/m/bbb/someprocess/town-x?sessionId=s`);
      socket.on('unexpected-response', (_req, res) => {
        resolve({ status: res.statusCode ?? 0, replay: res.headers['fly-replay'] as string | undefined });
        socket.terminate();
      });
      socket.on('open', () => reject(new Error('the upgrade was accepted')));
      socket.on('error', () => undefined);
    });
    expect(response).toEqual({ status: 307, replay: 'instance=bbb' });
  });

  it('serves a client through its own machine prefix: join, play, leave', async () => {
    const { userId, townId } = await t.createPlayer('router-1');
    const client = new Client(t.endpoint);
    client.auth.token = await t.tokens.sign(userId);
    const room = await client.joinOrCreate('town', { townId });
    await new Promise<void>((resolve) => room.onStateChange.once(() => resolve()));
    expect((room.state as { townId: string }).townId).toBe(townId);
    // the seat's URL carried the /m/aaa prefix: the room was reached through it
    expect((room.connection.transport as unknown as { ws: WebSocket }).ws.url).toContain('/m/aaa/');
    await room.leave();
  });
});
