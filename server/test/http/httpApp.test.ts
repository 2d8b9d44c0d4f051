import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHttpApp, monitorColumns } from '../../src/http/createHttpApp';
import { createLogger, type Logger } from '../../src/logger';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(monitor?: { username: string; password: string }, logger: Logger = createLogger('silent')): Promise<string> {
  server = createHttpApp({ monitor, logger, startedAt: Date.now() }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

const basic = (user: string, pass: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` });

describe('the game server over HTTP', () => {
  it('answers /healthz with a status and counts', async () => {
    const base = await serve();
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ rooms: expect.any(Number), clients: expect.any(Number), uptimeSeconds: expect.any(Number) });
  });

  it('does not mount the monitor without credentials, and says so in the log', async () => {
    const lines: string[] = [];
    const logger = { ...createLogger('silent'), info: (m: string) => lines.push(m) };
    const base = await serve(undefined, logger);
    expect((await fetch(`${base}/colyseus`)).status).toBe(404);
    expect(lines.some((l) => l.includes('monitor not mounted'))).toBe(true);
  });

  it('guards the monitor with HTTP Basic auth when credentials are configured', async () => {
    const base = await serve({ username: 'ops', password: 'correct horse' });
    const anonymous = await fetch(`${base}/colyseus/`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect((await fetch(`${base}/colyseus/`, { headers: basic('ops', 'wrong password') })).status).toBe(401);
    expect((await fetch(`${base}/colyseus/`, { headers: basic('someone', 'correct horse') })).status).toBe(401);
    expect((await fetch(`${base}/colyseus/`, { headers: { authorization: 'Basic !!!' } })).status).toBe(401);
    expect((await fetch(`${base}/colyseus/`, { headers: basic('ops', 'correct horse') })).status).toBe(200);
  });

  it('lists in the monitor how many towns each host holds, and in a cluster where each room lives', () => {
    expect(monitorColumns(false)).toContainEqual({ metadata: 'towns' });
    expect(monitorColumns(false)).not.toContain('processId');
    expect(monitorColumns(true)).toEqual(expect.arrayContaining(['roomId', 'clients', { metadata: 'towns' }, 'processId', 'publicAddress']));
  });
});
