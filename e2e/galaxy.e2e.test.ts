import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { townPoints } from '@starscape/shared';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpByApi } from './support/accounts';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { freePort } from './support/freePort';
import { startStack, type RunningStack } from './support/stack';

const SCREENSHOTS = path.resolve('artifacts', 'screenshots');
const GAME_SPEED = 200; // newcomer protection lasts ~22 min here: the raid target is made older than that
const DAY_MS = 24 * 3_600_000;

const run = chromiumAvailable() ? describe : describe.skip;

interface Player {
  userId: string;
  townId: string;
  cookie: [string, string];
}

/** Changes a starbase's stored snapshot (and its points to match) before its room ever loads it. */
function editTown(dataDir: string, userId: string, edit: (town: any) => void): string {
  const db = new Database(path.join(dataDir, 'starscape.db'));
  try {
    const row = db.prepare('SELECT id, snapshot, version FROM Town WHERE ownerId = ?').get(userId) as { id: string; snapshot: string; version: number };
    const town = JSON.parse(row.snapshot);
    edit(town);
    db.prepare('UPDATE Town SET snapshot = ?, version = ?, points = ? WHERE id = ? AND version = ?').run(JSON.stringify(town), row.version + 1, townPoints(town), row.id, row.version);
    return row.id;
  } finally {
    db.close();
  }
}

/** Gives a player and their starbase another name, before any room has read them. */
function rename(dataDir: string, userId: string, name: string): void {
  const db = new Database(path.join(dataDir, 'starscape.db'));
  try {
    db.prepare('UPDATE User SET displayName = ? WHERE id = ?').run(name, userId);
    db.prepare('UPDATE Town SET name = ? WHERE ownerId = ?').run(`${name}'s Starbase`, userId);
  } finally {
    db.close();
  }
}

run('two players meet in the galaxy', () => {
  let dataDir: string;
  let stack: RunningStack;
  let browser: Browser;
  let vega: Player;
  let rex: Player;
  let vegaPage: Page;
  let rexPage: Page;
  const contexts: BrowserContext[] = [];

  const shot = async (page: Page, name: string, fullPage = false) => {
    if (fullPage) await page.evaluate(() => window.scrollTo(0, 0)); // a scrolled full-page shot paints the sticky header mid-page
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
  };
  /** Scrolls `selector` to just under the sticky header. */
  const scrollTo = (page: Page, selector: string) =>
    page.locator(selector).first().evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 84));
  /** Opens or folds the chat (on wide screens it starts folded). */
  const chat = async (page: Page, open: boolean) => {
    const panel = page.locator('[data-chat-panel]');
    if ((await panel.getAttribute('data-open')) !== String(open)) await panel.locator('[data-chat-toggle]').click();
    await page.locator(`[data-chat-panel][data-open=${open}]`).waitFor();
    return panel;
  };

  const signup = (displayName: string, email: string): Promise<Omit<Player, 'townId'>> => signUpByApi(stack, dataDir, { displayName, email });

  async function open(player: Player, hash: string, viewport = { width: 1360, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    await context.addCookies([{ name: player.cookie[0], value: player.cookie[1], url: stack.url }]);
    const page = await context.newPage();
    await page.goto(new URL(`/play${hash}`, stack.url).href);
    await page.locator('[data-status=live]').first().waitFor({ timeout: 30_000 });
    return page;
  }

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'starscape-galaxy-e2e-'));
    stack = await startStack({ port: await freePort(), gamePort: await freePort(), dataDir, gameSpeed: GAME_SPEED });

    const v = await signup('Admiral Vega', 'vega@example.com');
    const r = await signup('Rex Corvin', 'rex@example.com');
    // Vega gets a fleet to raid with; Rex's starbase is founded long ago: past newcomer protection, and built up a bit
    vega = { ...v, townId: editTown(dataDir, v.userId, (town) => {
      town.ships = { ...town.ships, fighter: 30, frigate: 4 };
      town.stocks.fuel.amount = 9000;
    }) };
    rex = { ...r, townId: editTown(dataDir, r.userId, (town) => {
      town.foundedAt = Date.now() - 5 * DAY_MS;
      town.buildings = { ...town.buildings, metalMine: 6, crystalMine: 4, solarPlant: 5, shipyard: 1 };
    }) };
    // neighbours who are not online: a sector with some life in it, big and small, old and new
    const neighbours = [
      { name: 'Nova Prime', days: 40, buildings: { metalMine: 14, crystalMine: 12, fuelRefinery: 8, solarPlant: 14, storage: 5, commandCenter: 6, shipyard: 5, defenseGrid: 4 } },
      { name: 'Kestrel Vance', days: 12, buildings: { metalMine: 9, crystalMine: 8, solarPlant: 9, storage: 2, shipyard: 2, defenseGrid: 1 } },
      { name: 'Orion Hale', days: 3, buildings: { metalMine: 5, crystalMine: 3, solarPlant: 4 } },
      { name: 'Lyra Stone', days: 0, buildings: { metalMine: 2, solarPlant: 2 } },
    ];
    for (const n of neighbours) {
      // guests (sign-ups are throttled to a few an hour per address), named afterwards
      const response = await fetch(new URL('/api/auth/guest', stack.url), { method: 'POST' });
      expect(response.status).toBe(201);
      const { user } = (await response.json()) as { user: { id: string } };
      editTown(dataDir, user.id, (town) => {
        town.foundedAt = Date.now() - n.days * DAY_MS;
        town.buildings = { ...town.buildings, ...n.buildings };
      });
      rename(dataDir, user.id, n.name);
    }

    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('each sees the other’s starbase on the sector map, online right now', async () => {
    vegaPage = await open(vega, '#galaxy');
    rexPage = await open(rex, '#galaxy');
    for (const [page, other] of [
      [vegaPage, rex],
      [rexPage, vega],
    ] as const) {
      await page.locator('[data-galaxy-sector="1"]').waitFor({ timeout: 20_000 });
      await page.locator(`[data-galaxy-town="${other.townId}"][data-online=true]`).waitFor({ timeout: 20_000 });
    }
    await vegaPage.locator(`[data-galaxy-row="${rex.townId}"]`).waitFor();
    await vegaPage.locator('[data-tab=galaxy][aria-selected=true]').waitFor();
    // the chat starts folded to a bar on a wide screen
    await vegaPage.locator('[data-chat-panel][data-open=false]').waitFor();
    await vegaPage.locator('[data-galaxy-town][data-online=false]').first().waitFor({ timeout: 20_000 });
    await vegaPage.waitForTimeout(400);
    await shot(vegaPage, 'galaxy-tab', true);
    await scrollTo(vegaPage, '[data-galaxy-view]');
    await shot(vegaPage, 'galaxy-map');

    // Rex sees Vega as a newcomer: protected, with the time left, and no Raid link
    await rexPage.locator(`[data-galaxy-town="${vega.townId}"]`).click();
    const card = rexPage.locator(`[data-town-card="${vega.townId}"]`);
    await card.waitFor();
    await card.locator('[data-protected-left]').waitFor();
    expect(await card.locator('[data-raid-town]').count()).toBe(0);
    expect(await card.locator('a', { hasText: 'Profile' }).getAttribute('href')).toBe(`/players/${vega.userId}`);
    await scrollTo(rexPage, '[data-galaxy-view]');
    await rexPage.waitForTimeout(300);
    await shot(rexPage, 'galaxy-card-protected');
  });

  it('the online light goes out when a player leaves, and comes back', async () => {
    await rexPage.goto('about:blank');
    await vegaPage.locator(`[data-galaxy-town="${rex.townId}"][data-online=false]`).waitFor({ timeout: 15_000 });
    rexPage = await open(rex, '#galaxy');
    await vegaPage.locator(`[data-galaxy-town="${rex.townId}"][data-online=true]`).waitFor({ timeout: 15_000 });
  });

  it('they talk on the sector channel and across the galaxy; text stays text', async () => {
    // the chat rides along on every tab: here the Base
    await vegaPage.locator('[data-tab=base]').click();
    await vegaPage.evaluate(() => window.scrollTo(0, 0));
    const vegaChat = await chat(vegaPage, true);
    const rexChat = await chat(rexPage, true);
    await vegaChat.locator('[data-chat-channel=sector]').click();
    const input = vegaChat.locator('[data-chat-input]');
    await input.fill('Hello neighbour! Fine star we share.');
    expect(await vegaChat.locator('[data-counter]').textContent()).toBe('36/280');
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe('');
    await rexChat.locator(`[data-chat-line][data-author="${vega.userId}"]`, { hasText: 'Hello neighbour!' }).waitFor({ timeout: 10_000 });
    await vegaChat.locator(`[data-chat-line][data-author="${vega.userId}"]`, { hasText: 'Hello neighbour!' }).waitFor();

    // Rex answers galaxy-wide: Vega, on the sector channel, sees an unread count on Galaxy
    await rexChat.locator('[data-chat-channel=galaxy]').click();
    await rexChat.locator('[data-chat-input]').fill('<b>Greetings</b>, galaxy. Rex here.');
    await rexChat.locator('[data-chat-send]').click();
    await vegaChat.locator('[data-chat-channel=galaxy] [data-unread="1"]').waitFor({ timeout: 10_000 });
    await shot(vegaPage, 'chat-unread');
    // folded, the bar counts it too and shows the newest line
    await chat(vegaPage, false);
    await vegaChat.locator('[data-chat-toggle] [data-unread="1"]').waitFor();
    await vegaChat.getByText('Greetings', { exact: false }).waitFor();
    await shot(vegaPage, 'chat-folded');
    await chat(vegaPage, true);
    await vegaChat.locator('[data-chat-channel=galaxy]').click();
    const line = vegaChat.locator(`[data-chat-line][data-author="${rex.userId}"]`);
    await line.waitFor();
    expect(await line.locator('p').textContent()).toBe('<b>Greetings</b>, galaxy. Rex here.');
    expect(await line.locator('b').count()).toBe(0);
    await rexChat.locator('[data-chat-input]').fill('Anyone up for a trade run?');
    await rexChat.locator('[data-chat-input]').press('Enter');
    await vegaChat.locator(`[data-chat-line][data-author="${rex.userId}"]`, { hasText: 'trade run' }).waitFor();
    await shot(vegaPage, 'chat-galaxy');

    // an over-long message is refused before it is sent, with the reason
    await input.fill('x'.repeat(281));
    expect(await vegaChat.locator('[data-counter=over]').textContent()).toBe('281/280');
    expect(await vegaChat.locator('[data-chat-send]').isDisabled()).toBe(true);
    await input.press('Enter');
    await vegaChat.locator('[data-chat-error]', { hasText: 'at most 280' }).waitFor();
    await shot(vegaPage, 'chat-too-long');
    await input.fill('');
  });

  it('a muted player’s lines are hidden, and come back when unmuted', async () => {
    const vegaChat = vegaPage.locator('[data-chat-panel]');
    const rexLines = vegaChat.locator(`[data-chat-line][data-author="${rex.userId}"]`);
    expect(await rexLines.count()).toBe(2);
    await rexLines.first().hover();
    await rexLines.first().locator(`[data-mute="${rex.userId}"]`).click();
    await expect.poll(() => rexLines.count(), { timeout: 10_000 }).toBe(0);
    await vegaChat.locator('[data-hidden-count="2"]').waitFor();
    await shot(vegaPage, 'chat-muted');
    // new lines from Rex stay hidden and count as nothing unread
    await rexPage.locator('[data-chat-panel] [data-chat-input]').fill('Hello? Anyone?');
    await rexPage.locator('[data-chat-panel] [data-chat-input]').press('Enter');
    await vegaChat.locator('[data-hidden-count="3"]').waitFor({ timeout: 10_000 });
    expect(await rexLines.count()).toBe(0);

    await vegaChat.locator('[data-muted-toggle]').click();
    await vegaChat.locator('[data-muted-list]', { hasText: 'Rex Corvin' }).waitFor();
    await shot(vegaPage, 'chat-muted-list');
    await vegaChat.locator(`[data-unmute="${rex.userId}"]`).click();
    await vegaChat.locator('[data-muted-list]', { hasText: 'Nobody' }).waitFor({ timeout: 10_000 });
    await vegaChat.locator('[data-muted-toggle]').click();
    await expect.poll(() => rexLines.count(), { timeout: 10_000 }).toBe(3);
  });

  it('picks Rex’s starbase on the map, raids it from the Fleet tab with the target already picked', async () => {
    await chat(vegaPage, false);
    await vegaPage.locator('[data-tab=galaxy]').click();
    await scrollTo(vegaPage, '[data-galaxy-view]');
    const marker = vegaPage.locator(`[data-galaxy-town="${rex.townId}"]`);
    await marker.hover();
    const card = vegaPage.locator(`[data-town-card="${rex.townId}"]`);
    await card.waitFor();
    await card.getByText('Open to raids').waitFor();
    await vegaPage.waitForTimeout(300);
    await shot(vegaPage, 'galaxy-card');
    await marker.click();
    await card.locator(`[data-raid-town="${rex.townId}"]`).click();

    await vegaPage.locator('[data-tab=fleet][aria-selected=true]').waitFor();
    expect(new URL(vegaPage.url()).hash).toBe(`#fleet-raid-${rex.townId}`);
    const panel = vegaPage.locator('[data-raid-panel]');
    await panel.locator(`[data-raid-picked="${rex.townId}"]`, { hasText: "Rex Corvin's Starbase" }).waitFor();
    await panel.locator('[data-raid-ship=fighter] input').fill('12');
    await panel.locator(`[data-launch-raid="${rex.townId}"]`).waitFor();
    // the panel scrolled itself into view (smoothly: filling the field above may have cut that short)
    await scrollTo(vegaPage, '[data-raid-panel]');
    await vegaPage.waitForTimeout(300);
    await shot(vegaPage, 'galaxy-raid-preselected');
    await panel.locator(`[data-launch-raid="${rex.townId}"]`).click();
    await vegaPage.locator('[data-fleet] [data-kind=raid]').first().waitFor({ timeout: 15_000 });
    await scrollTo(vegaPage, '[data-fleets-away]');
    await vegaPage.waitForTimeout(400);
    await shot(vegaPage, 'galaxy-raid-launched');
  });

  it('browses sectors: the next one is uncharted, “My sector” comes home', async () => {
    await vegaPage.locator('[data-tab=galaxy]').click();
    await vegaPage.locator('[data-galaxy-sector="1"]').waitFor();
    await vegaPage.locator('[data-sector-input]').fill('2');
    await vegaPage.locator('[data-sector-input]').press('Enter');
    // only one sector exists: the jump is pulled back into the galaxy
    expect(await vegaPage.locator('[data-galaxy-sector="1"]').count()).toBe(1);
    // a link to another sector (a profile's "sector 2"): the hash alone changes
    await vegaPage.evaluate(() => {
      window.location.hash = '#galaxy-2';
    });
    await vegaPage.locator('[data-galaxy-sector="2"]').waitFor({ timeout: 20_000 });
    await vegaPage.locator('[data-galaxy-empty]').waitFor({ timeout: 20_000 });
    await scrollTo(vegaPage, '[data-galaxy-view]');
    await vegaPage.waitForTimeout(300);
    await shot(vegaPage, 'galaxy-uncharted');
    await vegaPage.locator('[data-my-sector]').click();
    await vegaPage.locator('[data-galaxy-sector="1"]').waitFor();
    await vegaPage.locator(`[data-galaxy-town="${rex.townId}"]`).waitFor();
  });

  it('fits a phone: the map above its list, the chat under the content', async () => {
    const phone = await open(vega, '#galaxy', { width: 390, height: 844 });
    await phone.locator(`[data-galaxy-town="${rex.townId}"]`).waitFor({ timeout: 20_000 });
    await phone.waitForTimeout(400);
    await shot(phone, 'galaxy-phone', true);
    await phone.locator(`[data-galaxy-town="${rex.townId}"]`).click();
    await phone.locator(`[data-town-card="${rex.townId}"]`).waitFor();
    await scrollTo(phone, '[data-galaxy-sector]');
    await phone.waitForTimeout(300);
    await shot(phone, 'galaxy-phone-card');
    await phone.locator('[data-chat-panel]').scrollIntoViewIfNeeded();
    await phone.locator('[data-chat-channel=galaxy]').click();
    await phone.locator(`[data-chat-line][data-author="${rex.userId}"]`).first().waitFor();
    await shot(phone, 'chat-phone');
  });

  it('says so inline when messages come too fast, and gives the refused text back', async () => {
    await vegaPage.locator('[data-tab=base]').click();
    const vegaChat = await chat(vegaPage, true);
    await vegaChat.locator('[data-chat-channel=sector]').click();
    const input = vegaChat.locator('[data-chat-input]');
    const texts = ['Scouts report pirates near the belt.', 'Two wings of fighters.', 'Maybe three.', 'Holding position.', 'Still holding.', 'Too fast?'];
    for (const text of texts) {
      await input.fill(text);
      await input.press('Enter');
    }
    await vegaChat.locator('[data-chat-error]', { hasText: 'too fast' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => input.inputValue()).toBe('Too fast?');
    await vegaPage.evaluate(() => window.scrollTo(0, 0));
    await shot(vegaPage, 'chat-rate-limited');
  });

  it('visits Rex’s starbase read-only: buildings in plain sight, nothing of his stores, docks, shipyard or fleets', async () => {
    const visit = await open(vega, `?visit=${rex.townId}`);
    await visit.locator('section[aria-label=Visiting]').waitFor();
    await expect(visit.locator('h1').first().textContent()).resolves.toContain('Rex');
    await expect(visit.locator('article[data-building]').count()).resolves.toBe(8);
    await expect(visit.locator('article[data-building=metalMine]').getAttribute('data-level')).resolves.toBe('6');
    // what is Rex's alone is not on the page: no stores, no construction bay, no docked fleet, no shipyard or fleet tabs
    await expect(visit.locator('section[aria-label=Resources]').count()).resolves.toBe(0);
    await expect(visit.locator('section[aria-label=Construction]').count()).resolves.toBe(0);
    await expect(visit.locator('[data-docked-total]').count()).resolves.toBe(0);
    await expect(visit.locator('[data-tab]').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-tab')))).resolves.toEqual(['base', 'galaxy']);
    await expect(visit.locator('article[data-building] button').count()).resolves.toBe(0);
    // a link to a section a visitor is not offered opens the buildings
    await visit.goto(new URL(`/play?visit=${rex.townId}#shipyard`, stack.url).href);
    await visit.locator('[data-tab=base][aria-selected=true]').waitFor({ timeout: 30_000 });
    await visit.waitForTimeout(300);
    await shot(visit, 'visit-read-only');
  });
});
