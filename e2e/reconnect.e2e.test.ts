import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpInBrowser } from './support/accounts';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { freePort } from './support/freePort';
import { startStack, type RunningStack } from './support/stack';

const SCREENSHOTS = path.resolve('artifacts', 'screenshots');
const GAME_SPEED = 10; // a fuel refinery takes 43 s: it is still being built after a reload and a reconnect
/** The monitor is how this test sees the game server's rooms from outside (the stack inherits this env). */
const MONITOR = { username: 'e2e-reconnect', password: 'reconnect-e2e-secret' };

const run = chromiumAvailable() ? describe : describe.skip;

interface MonitorRoom {
  roomId: string;
  name: string;
  clients: number;
}

run('a player whose page reloads or whose link drops', () => {
  let dataDir: string;
  let ports: { port: number; gamePort: number };
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;
  const saved = { username: process.env.MONITOR_USERNAME, password: process.env.MONITOR_PASSWORD };

  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const live = () => page.locator('[data-status=live]').first().waitFor({ timeout: 30_000 });
  const bay = () => page.locator('section[aria-label=Construction]');
  const banner = () => page.getByRole('status').filter({ hasText: 'Link lost. Reconnecting…' });

  /** What the page shows of the town that does not move by itself: building levels and the running upgrade. */
  async function townShown() {
    const levels = await page.locator('article[data-building]').evaluateAll((list) => list.map((a) => `${a.getAttribute('data-building')}:${a.getAttribute('data-level')}`));
    return { levels, upgrade: await bay().getAttribute('data-building'), finishesAt: await bay().getAttribute('data-finishes-at') };
  }

  async function monitor<T>(route: string): Promise<T> {
    const response = await fetch(`http://127.0.0.1:${ports.gamePort}/colyseus/api${route}`, {
      headers: { authorization: `Basic ${Buffer.from(`${MONITOR.username}:${MONITOR.password}`).toString('base64')}` },
    });
    expect(response.status, `monitor ${route}`).toBe(200);
    return (await response.json()) as T;
  }

  /** The town rooms as matchmaking lists them (a seat held for a reconnection counts), and who is connected to each. */
  async function townRooms() {
    const { rooms } = await monitor<{ rooms: MonitorRoom[] }>('');
    const towns = rooms.filter((r) => r.name === 'town');
    return Promise.all(
      towns.map(async (r) => ({ roomId: r.roomId, listed: r.clients, connected: (await monitor<{ clients: unknown[] }>(`/room?roomId=${encodeURIComponent(r.roomId)}`)).clients.length })),
    );
  }

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-e2e-'));
    ports = { port: await freePort(), gamePort: await freePort() };
    process.env.MONITOR_USERNAME = MONITOR.username;
    process.env.MONITOR_PASSWORD = MONITOR.password;
    stack = await startStack({ ...ports, dataDir, gameSpeed: GAME_SPEED });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    // every WebSocket the page opens, so a test can cut one as a network failure would
    await page.addInitScript(() => {
      const Native = window.WebSocket;
      const sockets: WebSocket[] = [];
      (window as unknown as { __sockets: WebSocket[] }).__sockets = sockets;
      window.WebSocket = class extends Native {
        constructor(...args: ConstructorParameters<typeof WebSocket>) {
          super(...args);
          sockets.push(this);
        }
      } as typeof WebSocket;
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
    for (const [key, value] of [
      ['MONITOR_USERNAME', saved.username],
      ['MONITOR_PASSWORD', saved.password],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('signs up and starts an upgrade on a live starbase', async () => {
    await signUpInBrowser(page, stack, dataDir, { displayName: 'Flaky Link', email: 'flaky@example.com' });
    await live();
    await page.locator('article[data-building=fuelRefinery] button').click();
    await bay().and(page.locator('[data-building=fuelRefinery]')).waitFor();
    expect(await townRooms()).toEqual([{ roomId: expect.any(String), listed: 1, connected: 1 }]);
  });

  it('shows the same town after a reload, with exactly one client in its room', async () => {
    const before = await townShown();
    const [room] = await townRooms();
    const reloadedAt = Date.now();
    await page.reload();
    await live();
    const liveMs = Date.now() - reloadedAt;
    expect(await townShown()).toEqual(before);
    expect(before.upgrade).toBe('fuelRefinery');
    // the reload closed the old socket (not a consented leave) and joined afresh: the held seat gave way at once
    await expect.poll(townRooms, { timeout: 5000 }).toEqual([{ roomId: room!.roomId, listed: 1, connected: 1 }]);
    console.info(`[browser] reconnect: reload live again in ${liveMs} ms; town room ${room!.roomId}: 1 listed, 1 connected`);
    await shot('reconnect-after-reload');
  });

  it('says it is reconnecting when the socket is cut, and comes back without a reload', async () => {
    const before = await townShown();
    const [room] = await townRooms();
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
    // the game server cannot be reached for a moment: matchmaking requests fail, so the banner stays up
    await page.route('**/matchmake/**', (route) => route.abort('connectionrefused'));
    const cutAt = Date.now();
    const cut = await page.evaluate(() => {
      const open = (window as unknown as { __sockets: WebSocket[] }).__sockets.filter((s) => s.readyState === WebSocket.OPEN);
      for (const socket of open) socket.close(); // no code: the server sees an abnormal close, not a leave
      return open.length;
    });
    expect(cut).toBeGreaterThanOrEqual(1);
    await banner().waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-status=reconnecting]').count()).toBeGreaterThanOrEqual(1);
    await shot('reconnect-banner');
    const bannerMs = Date.now() - cutAt;

    await page.unroute('**/matchmake/**');
    await live();
    await banner().waitFor({ state: 'detached', timeout: 30_000 });
    const backMs = Date.now() - cutAt;
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
    expect(await townShown()).toEqual(before);
    await expect.poll(townRooms, { timeout: 5000 }).toEqual([{ roomId: room!.roomId, listed: 1, connected: 1 }]);
    // commands work again: cancel the upgrade
    await bay().getByRole('button', { name: 'Cancel' }).click();
    await page.locator('section[aria-label=Construction][data-idle]').waitFor();
    console.info(`[browser] reconnect: ${cut} socket(s) cut; banner shown after ${bannerMs} ms; live again after ${backMs} ms, same page; 1 client in the town room`);
  });
});
