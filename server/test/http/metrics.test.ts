import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHttpApp } from '../../src/http/createHttpApp';
import { ProcessMetrics, type MetricsReport } from '../../src/http/metrics';
import { createLogger } from '../../src/logger';

let server: Server | undefined;
let metrics: ProcessMetrics | undefined;
afterEach(async () => {
  metrics?.stop();
  metrics = undefined;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(monitor?: { username: string; password: string }, windowMs = 100): Promise<string> {
  metrics = new ProcessMetrics({ windowMs, resolutionMs: 1 });
  server = createHttpApp({ monitor, logger: createLogger('silent'), startedAt: Date.now(), metrics }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Keeps the event loop from turning for `ms`. */
const block = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
const basic = (user: string, pass: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` });

describe('GET /metrics', () => {
  it('reports event-loop delay per window and since start, memory, CPU and counts', async () => {
    const base = await serve();
    await sleep(30);
    block(60); // one delay of about 60 ms, in the first window
    await sleep(150); // the first window closes

    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const report = (await response.json()) as MetricsReport;
    expect(report).toMatchObject({ rooms: expect.any(Number), clients: expect.any(Number), uptimeSeconds: expect.any(Number) });
    expect(report.memory.rssBytes).toBeGreaterThan(report.memory.heapUsedBytes);
    expect(report.cpu.userMicros).toBeGreaterThan(0);

    const delay = report.eventLoopDelayMs;
    expect(delay.windowSeconds).toBe(0.1);
    expect(delay.lastWindow).not.toBeNull();
    expect(delay.lastWindow!.endedAt).toBeLessThanOrEqual(Date.now());
    expect(delay.sinceStart.samples).toBeGreaterThan(0);
    expect(delay.sinceStart.max).toBeGreaterThanOrEqual(50);
    expect(delay.sinceStart.max).toBeLessThan(1000);
    expect(delay.sinceStart.p50).toBeLessThan(delay.sinceStart.max);
    for (const summary of [delay.lastWindow!, delay.current, delay.sinceStart]) {
      expect(summary.p50).toBeLessThanOrEqual(summary.p99);
      expect(summary.p99).toBeLessThanOrEqual(summary.max);
    }
  });

  it('holds nothing about players: only numbers', async () => {
    const base = await serve();
    const report = (await (await fetch(`${base}/metrics`)).json()) as MetricsReport;
    const leaves = (value: unknown): unknown[] => (value && typeof value === 'object' ? Object.values(value).flatMap(leaves) : [value]);
    expect(leaves(report).every((v) => typeof v === 'number' || v === null)).toBe(true);
  });

  it('asks for the monitor credentials when they are configured', async () => {
    const base = await serve({ username: 'ops', password: 'correct horse' });
    const anonymous = await fetch(`${base}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect((await fetch(`${base}/metrics`, { headers: basic('ops', 'wrong password') })).status).toBe(401);
    const allowed = await fetch(`${base}/metrics`, { headers: basic('ops', 'correct horse') });
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as MetricsReport).eventLoopDelayMs.windowSeconds).toBe(0.1);
  });
});
