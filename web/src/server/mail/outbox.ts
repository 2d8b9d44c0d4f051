import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Mail, Mailer } from './mail';

/**
 * The mailer of a server with no SMTP_URL (development, `npm start` on one machine, the tests): every message
 * is written as one JSON file to `<DATA_DIR>/outbox` and announced in the log with its links, so whoever runs
 * the server can open them. Nothing leaves the machine. Plain Node (no Next import): the e2e tests read it too.
 */

export interface OutboxMail extends Mail {
  from: string;
  /** ISO time it was written */
  sentAt: string;
}

export function outboxDir(dataDir: string): string {
  return path.join(dataDir, 'outbox');
}

export class OutboxMailer implements Mailer {
  readonly delivery = 'outbox';

  constructor(
    private readonly dir: string,
    private readonly from: string,
    private readonly log: (line: string) => void = (line) => console.log(line),
  ) {}

  async send(mail: Mail): Promise<void> {
    const sentAt = new Date();
    const stored: OutboxMail = { from: this.from, ...mail, sentAt: sentAt.toISOString() };
    await mkdir(this.dir, { recursive: true });
    // time first, so a listing sorts in the order they were sent
    const name = `${sentAt.getTime()}-${randomBytes(4).toString('hex')}.json`;
    // written under a name no reader lists, then renamed: a reader never sees half a message
    const partial = path.join(this.dir, `${name}.partial`);
    await writeFile(partial, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    await rename(partial, path.join(this.dir, name));
    const links = linksIn(mail);
    this.log(`[mail] not sent (no SMTP_URL): "${mail.subject}" to ${mail.to}, saved in ${path.join(this.dir, name)}${links.length ? `; link: ${links.join(' ')}` : ''}`);
  }
}

/** Every message in the outbox folder, oldest first (none when the folder does not exist). */
export async function readOutbox(dir: string): Promise<OutboxMail[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const mails = await Promise.all(names.map(async (name) => JSON.parse(await readFile(path.join(dir, name), 'utf8')) as OutboxMail));
  return mails.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}

/** The http(s) links in a message's text part, in order. */
export function linksIn(mail: Pick<Mail, 'text'>): string[] {
  return mail.text.match(/https?:\/\/\S+/g) ?? [];
}

/** The token of the newest confirmation link mailed to `email`, or null when there is none. */
export async function confirmationTokenFor(dir: string, email: string): Promise<string | null> {
  const mail = (await readOutbox(dir)).findLast((m) => m.to === email && tokenIn(m) !== null);
  return mail ? tokenIn(mail) : null;
}

function tokenIn(mail: OutboxMail): string | null {
  for (const link of linksIn(mail)) {
    const url = new URL(link);
    if (url.pathname.endsWith('/confirm') && url.searchParams.get('token')) return url.searchParams.get('token');
  }
  return null;
}

/** Waits for a message that passes `test` (mail is sent after the answer that asked for it). */
export async function waitForMail(dir: string, test: (mail: OutboxMail) => boolean, timeoutMs = 15_000): Promise<OutboxMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = (await readOutbox(dir)).findLast(test);
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no such mail in ${dir} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The token of the newest confirmation link mailed to `email`, waiting for it to arrive. */
export async function waitForConfirmationToken(dir: string, email: string, timeoutMs = 15_000): Promise<string> {
  return tokenIn(await waitForMail(dir, (mail) => mail.to === email && tokenIn(mail) !== null, timeoutMs))!;
}
