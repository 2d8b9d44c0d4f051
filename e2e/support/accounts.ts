import type { Page } from 'playwright-core';
import { outboxDir, waitForConfirmationToken } from '../../web/src/server/mail/outbox';
import type { RunningStack } from './stack';

/**
 * New accounts the way players make them: sign up, then the link mailed to them. `npm start` without
 * SMTP_URL keeps mail in `<DATA_DIR>/outbox`, where these read it.
 */

export interface NewPlayer {
  displayName: string;
  email: string;
  password?: string;
}

const PASSWORD = 'correct horse battery';

/** Over the JSON API: sign-up, then the mailed token confirmed. The player's id and session cookie. */
export async function signUpByApi(stack: RunningStack, dataDir: string, player: NewPlayer): Promise<{ userId: string; cookie: [string, string] }> {
  const signup = await fetch(new URL('/api/auth/signup', stack.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: PASSWORD, ...player }),
  });
  if (signup.status !== 202) throw new Error(`sign-up answered ${signup.status}: ${await signup.text()}`);
  const token = await waitForConfirmationToken(outboxDir(dataDir), player.email);
  const confirmed = await fetch(new URL('/api/auth/confirm', stack.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (confirmed.status !== 201) throw new Error(`confirming answered ${confirmed.status}: ${await confirmed.text()}`);
  const { user } = (await confirmed.json()) as { user: { id: string } };
  const [name, value] = confirmed.headers.getSetCookie()[0]!.split(';')[0]!.split('=') as [string, string];
  return { userId: user.id, cookie: [name, value] };
}

/**
 * In the browser: fills the sign-up form, waits for "check your inbox", opens the mailed link, presses the
 * button and lands on the live game page. `shot` is called on each screen in between. Returns the link's token.
 */
export async function signUpInBrowser(page: Page, stack: RunningStack, dataDir: string, player: NewPlayer, shot?: (name: string) => Promise<unknown>): Promise<string> {
  await page.goto(new URL('/signup', stack.url).href);
  await page.fill('#signup-displayName', player.displayName);
  await page.fill('#signup-email', player.email);
  await page.fill('#signup-password', player.password ?? PASSWORD);
  await page.locator('form button[type=submit]').first().click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  await shot?.('signup-check-inbox');
  const token = await waitForConfirmationToken(outboxDir(dataDir), player.email);
  await page.goto(new URL(`/confirm?token=${token}`, stack.url).href);
  await shot?.('signup-confirm');
  await page.getByRole('button', { name: 'Confirm and found my starbase' }).click();
  await page.waitForURL((url) => url.pathname === '/play');
  return token;
}
