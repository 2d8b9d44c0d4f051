import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxDir, waitForConfirmationToken } from '../web/src/server/mail/outbox';
import { signUpInBrowser } from './support/accounts';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { freePort } from './support/freePort';
import { startStack, type RunningStack } from './support/stack';

const SCREENSHOTS = path.resolve('artifacts', 'screenshots');
const GAME_SPEED = 10; // a fuel refinery takes 43 s: long enough to survive a reload and a restart

const run = chromiumAvailable() ? describe : describe.skip;

run('a player in the browser', () => {
  let dataDir: string;
  let ports: { port: number; gamePort: number };
  let stack: RunningStack;
  let browser: Browser;
  let page: Page;

  const start = async () => (stack = await startStack({ ...ports, dataDir, gameSpeed: GAME_SPEED }));
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const amount = async (resource: string) => Number(await page.locator(`[data-resource=${resource}] .num[data-amount]`).getAttribute('data-amount'));
  const bay = () => page.locator('section[aria-label=Construction]');
  const live = () => page.locator('[data-status=live]').first().waitFor({ timeout: 30_000 });

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-e2e-'));
    ports = { port: await freePort(), gamePort: await freePort() };
    await start();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  let usedToken: string;
  it('reads what Starscape is, signs up, confirms the mailed link and lands on a live starbase', async () => {
    await page.goto(stack.url);
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(/\S/);
    await shot('landing');

    usedToken = await signUpInBrowser(page, stack, dataDir, { displayName: 'Nova Prime', email: 'nova@example.com' }, shot);
    await live();

    await expect(page.locator('article[data-building]').count()).resolves.toBe(8);
    for (const r of ['metal', 'crystal', 'fuel']) await page.locator(`[data-resource=${r}]`).first().waitFor();
    await page.locator('[data-resource=energy]').first().waitFor();
  });

  it('shows the counters moving live', async () => {
    const first = await amount('metal');
    await page.waitForTimeout(1500);
    expect(await amount('metal')).toBeGreaterThan(first);
  });

  let finishesAt: string | null;
  it('starts an upgrade, which pays its cost and shows progress and a countdown', async () => {
    const before = await amount('metal');
    await page.locator('article[data-building=fuelRefinery] button').click();
    await bay().and(page.locator('[data-building=fuelRefinery]')).waitFor();
    finishesAt = await bay().getAttribute('data-finishes-at');
    expect(Number(finishesAt)).toBeGreaterThan(Date.now() - 60_000);
    await expect.poll(() => amount('metal')).toBeLessThan(before - 200); // the counter catches up on the next frame
    const after = await amount('metal');
    expect(before - after).toBeGreaterThan(224); // paid 225 metal (minus a moment of production)
    expect(before - after).toBeLessThan(226);
    await page.locator('[role=progressbar]').waitFor();
    await shot('play-upgrading');
  });

  it('still shows the same upgrade running after a reload', async () => {
    await page.reload();
    await live();
    await expect(bay().getAttribute('data-finishes-at')).resolves.toBe(finishesAt);
  });

  it('finds the starbase as it was after the server restarted', async () => {
    const code = await stack.stop();
    expect(code).toBe(0);
    await start();
    await page.reload();
    await live();
    if (Date.now() < Number(finishesAt)) {
      await expect(bay().getAttribute('data-finishes-at')).resolves.toBe(finishesAt);
    } else {
      await expect(page.locator('article[data-building=fuelRefinery]').getAttribute('data-level')).resolves.toBe('1');
    }
    await shot('play-after-restart');
  });

  it('cancels for a full refund, then starts another upgrade', async () => {
    if (Date.now() >= Number(finishesAt) - 3000) return; // finished already on a slow machine: nothing to cancel
    const before = await amount('metal');
    await bay().getByRole('button', { name: 'Cancel' }).click();
    await page.locator('section[aria-label=Construction][data-idle]').waitFor();
    await expect.poll(() => amount('metal')).toBeGreaterThan(before + 200);
    const after = await amount('metal');
    expect(after - before).toBeGreaterThan(224);
    await page.locator('article[data-building=metalMine] button').click();
    await bay().and(page.locator('[data-building=metalMine]')).waitFor();
    await shot('play-second-upgrade');
  });

  it('shows a used sign-up link as one that no longer works', async () => {
    const other = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    try {
      await other.goto(new URL(`/confirm?token=${usedToken}`, stack.url).href);
      await other.getByRole('heading', { name: 'This link no longer works' }).waitFor();
      await other.screenshot({ path: path.join(SCREENSHOTS, 'confirm-link-spent.png'), fullPage: true });
    } finally {
      await other.close();
    }
  });

  it('saves a guest account by the link mailed to it: same commander, now with an email', async () => {
    const guest = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const guestShot = (name: string) => guest.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    try {
      await guest.goto(new URL('/signup', stack.url).href);
      await guest.getByRole('button', { name: 'Play as guest, no email needed' }).click();
      await guest.waitForURL((url) => url.pathname === '/play');
      await guest.goto(new URL('/account', stack.url).href);
      const name = (await guest.locator('h1').first().textContent())!.replace('Guest', '').trim();
      await guest.fill('#claim-email', 'saved.guest@example.com');
      await guest.fill('#claim-password', 'correct horse battery');
      await guest.getByRole('button', { name: 'Save my account' }).click();
      await guest.getByRole('heading', { name: 'Check your inbox' }).waitFor();
      await guestShot('account-claim-check-inbox');
      const token = await waitForConfirmationToken(outboxDir(dataDir), 'saved.guest@example.com');
      await guest.goto(new URL(`/confirm?token=${token}`, stack.url).href);
      await guest.getByText(`Commander ${name}`).waitFor();
      await guest.getByRole('button', { name: 'Confirm and save my account' }).click();
      await guest.waitForURL((url) => url.pathname === '/account' && url.searchParams.get('claimed') === '1');
      await guest.getByText('Account saved.').waitFor();
      await expect(guest.locator('h1').first().textContent()).resolves.toBe(name); // no "Guest" badge any more
      await guestShot('account-claimed');
    } finally {
      await guest.close();
    }
  });
});
