import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpByApi } from './support/accounts';
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
    // and a shipyard with the means for a frigate and a fighter, within storage (the shipyard test)
    town.buildings.shipyard = 1;
    town.stocks.metal.amount = 9500;
    town.stocks.crystal.amount = 9500;
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
  const shot = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot of a scrolled page paints the sticky header mid-page
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-fleet-e2e-'));
    stack = await startStack({ port: await freePort(), gamePort: await freePort(), dataDir, gameSpeed: GAME_SPEED });

    const { userId, cookie: session } = await signUpByApi(stack, dataDir, { displayName: 'Admiral Vega', email: 'vega@example.com' });
    outfit(dataDir, userId);

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
  it('picks a patrol, composes a fleet and launches it; once it is in battle the game offers to watch it live', async () => {
    await page.goto(new URL('/play#fleet', stack.url).href);
    await page.locator('[data-status=live]').first().waitFor({ timeout: 30_000 });
    // at this speed the board is redrawn every 36 s: a launch in its last seconds would name a mission gone by
    // the time the server reads it, so pick from a board with time to spare
    const refreshesAt = Number(await page.locator('[data-refreshes-at]').getAttribute('data-refreshes-at'));
    if (refreshesAt - Date.now() < 15_000) await page.waitForTimeout(Math.max(0, refreshesAt - Date.now()) + 1000);
    const patrol = page.locator('[data-mission][data-kind=patrol]:not([data-taken])').first();
    await patrol.getByRole('button').click();
    // a few fighters only: the battle lasts long enough to give orders in (the retreat then ends it)
    await page.locator('[data-send-ship=fighter] input').fill('4');
    await page.locator('[data-launch]').click();
    // the fleet appears, or the refusal is what this test reports
    await page.locator('[data-fleet], [data-tone=error]').first().waitFor();
    const refusal = page.locator('[data-tone=error]');
    if ((await refusal.count()) > 0) throw new Error(`launch refused: ${await refusal.first().innerText()}`);
    const watch = page.locator('[data-watch-battle]').first();
    await watch.waitFor({ timeout: 40_000 }); // arrival: the battle starts and is fought live
    battleLink = (await watch.getAttribute('href'))!;
    // the notice says it on every tab, with its own link to the battle
    const notice = page.locator(`[data-battle-notice="${decodeURIComponent(battleLink.split('/').pop()!)}"]`);
    await notice.getByText('Your patrol fleet is in battle').waitFor();
    expect(await notice.locator('a').getAttribute('href')).toBe(battleLink);
    await shot('fleet-in-battle');
    await watch.click();
  });

  it('watches the battle live: ships fight on the canvas, the commander orders focus fire and a retreat, then the report', async () => {
    const view = page.locator('[data-live-battle][data-role=attacker]');
    await view.waitFor({ timeout: 30_000 });
    const canvas = view.locator('canvas');
    await canvas.waitFor();
    const stepNow = async () => Number(await view.getAttribute('data-step'));
    const first = await stepNow();
    await expect.poll(stepNow, { timeout: 15_000 }).toBeGreaterThan(first + 10); // the battle clock runs
    await expect.poll(stepNow, { timeout: 30_000 }).toBeGreaterThan(60); // the lines have met and are firing
    await shot('battle-live');

    // focus fire: click a pirate ship. A pirate hull is filled with the defender's red (#ff5a6e); the hull-damage bar
    // over a hurt ship of either side is a nearly equal red (#ff5c7a) and shots are thinner, dimmer lines of it, so
    // only points deep inside a patch of the hull's own red count, the most solid first
    const findPirates = () => canvas.evaluate((element: HTMLCanvasElement) => {
      const ctx = element.getContext('2d')!;
      const { data, width, height } = ctx.getImageData(0, 0, element.width, element.height);
      const scale = element.width / element.getBoundingClientRect().width;
      const hull = (x: number, y: number) => {
        const i = (y * width + x) * 4;
        return data[i]! > 240 && Math.abs(data[i + 1]! - 90) <= 14 && Math.abs(data[i + 2]! - 110) <= 7;
      };
      const solid: { x: number; y: number; fill: number }[] = [];
      for (let y = 62; y < height - 42; y += 2) {
        for (let x = 2; x < width - 2; x += 2) {
          if (!hull(x, y)) continue;
          let fill = 0;
          for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) if (hull(x + dx, y + dy)) fill++;
          if (fill >= 13) solid.push({ x: x / scale, y: y / scale, fill });
        }
      }
      solid.sort((a, b) => b.fill - a.fill);
      const found: { x: number; y: number }[] = [];
      for (const p of solid) if (found.length < 40 && found.every((f) => Math.hypot(f.x - p.x, f.y - p.y) > 25)) found.push({ x: p.x, y: p.y });
      return found;
    });
    // a frame may catch the pirates behind explosions and shots, and ships move between finding and clicking:
    // look again, a few rounds, until a click lands on one
    const focusing = view.locator('[data-stance=focus]');
    for (let round = 0; round < 4 && !(await focusing.isVisible()); round++) {
      await expect.poll(async () => (await findPirates()).length, { timeout: 10_000, interval: 200 }).toBeGreaterThan(0);
      for (const target of (await findPirates()).slice(0, 8)) {
        await canvas.click({ position: target });
        if (await focusing.waitFor({ timeout: 1_500 }).then(() => true, () => false)) break;
      }
    }
    await focusing.waitFor({ timeout: 5_000 });
    await view.locator('[aria-label="Orders given"] li', { hasText: /You focus fire on a/ }).waitFor();
    await shot('battle-live-focus');

    await view.locator('[data-order=retreat]').click();
    await view.locator('[data-stance=retreat]').waitFor({ timeout: 5_000 });
    await view.locator('[aria-label="Orders given"] li', { hasText: 'You order a retreat' }).waitFor();
    expect(await view.locator('[data-order=retreat]').isDisabled()).toBe(true);
    await page.waitForTimeout(1500);
    await shot('battle-live-retreat');

    // the ships leave over their edge: the battle is decided, the result shows, then the report replaces the view
    await page.locator('[data-live-battle]:not([data-winner=""])').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(600);
    await shot('battle-live-end');
    await page.locator('[data-live-battle]').waitFor({ state: 'detached', timeout: 40_000 });
    await page.locator('canvas').first().waitFor();
    expect(page.url()).toContain(battleLink);
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
  it('orders a ship, cancels the order, and sees the queue empty and the next order whole', async () => {
    await page.goto(new URL('/play#shipyard', stack.url).href);
    await page.locator('[data-status=live]').first().waitFor({ timeout: 30_000 });
    const queue = page.locator('section[aria-labelledby=shipyard-queue-title]');
    const orders = queue.locator('[data-shipyard-order]');
    await queue.and(page.locator('[data-idle]')).waitFor();

    await page.locator('[data-ship=frigate]').getByRole('button', { name: 'Order 1 frigate' }).click();
    await orders.and(page.locator('[data-order-ship=frigate]')).waitFor();
    expect(await orders.count()).toBe(1);
    await orders.first().getByRole('button', { name: 'Cancel' }).click();
    // the server keeps the emptied queue's entry for the next order: the player sees no order at all
    await queue.and(page.locator('[data-idle]')).waitFor();
    expect(await orders.count()).toBe(0);
    await expect(queue.innerText()).resolves.toContain('The docks are quiet');

    // the next order arrives in that entry, whole: another ship, its count and cost
    await page.locator('[data-ship=fighter]').getByRole('button', { name: 'Order 1 fighter' }).click();
    await orders.and(page.locator('[data-order-ship=fighter][data-remaining="1"][data-in-production]')).waitFor();
    expect(await orders.count()).toBe(1);
    await shot('shipyard-after-cancel');
  });
});
