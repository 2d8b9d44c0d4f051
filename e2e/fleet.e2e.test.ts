import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { freePort } from './support/freePort';
import { startStack, type RunningStack } from './support/stack';

const SCREENSHOTS = path.resolve('artifacts', 'screenshots');
const GAME_SPEED = 200; // a patrol flight takes seconds and the board stays up 36 s; the battle runs in battle time

const run = chromiumAvailable() ? describe : describe.skip;

/** Gives a fresh starbase a fleet and fuel, straight in its stored snapshot, before its room ever loads it. */
function outfit(dataDir: string, userId: string): void {
  const db = new Database(path.join(dataDir, 'starscape.db'));
  try {
    const row = db.prepare('SELECT id, snapshot, version FROM Town WHERE ownerId = ?').get(userId) as { id: string; snapshot: string; version: number };
    const town = JSON.parse(row.snapshot);
    town.ships = { ...town.ships, fighter: 30, frigate: 4 };
    town.stocks.fuel.amount = 9000;
    db.prepare('UPDATE Town SET snapshot = ?, version = ? WHERE id = ? AND version = ?').run(JSON.stringify(town), row.version + 1, row.id, row.version);
  } finally {
    db.close();
  }
}

run('a player sends a fleet on a patrol in the browser', () => {
  let dataDir: string;
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-fleet-e2e-'));
    stack = await startStack({ port: await freePort(), gamePort: await freePort(), dataDir, gameSpeed: GAME_SPEED });

    const signup = await fetch(new URL('/api/auth/signup', stack.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Admiral Vega', email: 'vega@example.com', password: 'correct horse battery' }),
    });
    expect(signup.status).toBe(201);
    const { user } = (await signup.json()) as { user: { id: string } };
    const session = signup.headers.getSetCookie()[0]!.split(';')[0]!.split('=');
    outfit(dataDir, user.id);

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    await context.addCookies([{ name: session[0]!, value: session[1]!, url: stack.url }]);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  let battleLink: string;
  it('picks a patrol, composes a fleet and launches it; the fleet flies, fights and turns home', async () => {
    await page.goto(new URL('/play#fleet', stack.url).href);
    await page.locator('[data-status=live]').first().waitFor({ timeout: 30_000 });
    const patrol = page.locator('[data-mission][data-kind=patrol]:not([data-taken])').first();
    await patrol.getByRole('button').click();
    await page.locator('[data-send-ship=fighter]').getByRole('button', { name: 'All' }).click();
    await page.locator('[data-launch]').click();
    await page.locator('[data-fleet]').first().waitFor();
    const link = page.locator('[data-battle-link]').first();
    await link.waitFor({ timeout: 40_000 }); // arrival, battle recorded and resolved, survivors turning home
    battleLink = (await link.getAttribute('href'))!;
    await shot('fleet-away');
  });

  it('lists the battle in the reports and replays it to exactly the recorded outcome', async () => {
    await page.goto(new URL('/battles', stack.url).href);
    await page.locator(`a[href="${battleLink}"]`).first().waitFor();
    await page.goto(new URL(battleLink, stack.url).href);
    await page.locator('canvas').first().waitFor();
    await page.waitForTimeout(1500); // a moment of the battle playing
    await shot('battle-replay');
    for (let i = 0; i < 400; i++) await page.keyboard.press('ArrowRight'); // skip to the end, a second at a time
    await page.getByText('Replay matches the recorded outcome').waitFor({ timeout: 30_000 });
    await shot('battle-replay-end');
  });
});
