import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confirmSignUpMail } from './messages';
import { OutboxMailer, confirmationTokenFor, readOutbox } from './outbox';

/** The mailer of a server with no SMTP_URL, on a real folder, read the way the e2e tests read it. */

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'starscape-outbox-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const quiet = () => {};

describe('OutboxMailer', () => {
  it('stores each message with its sender and time, and the confirmation link can be found by address', async () => {
    const mailer = new OutboxMailer(dir, 'Starscape <noreply@starscape.test>', quiet);
    await mailer.send(confirmSignUpMail('ada@example.com', 'Ada', 'http://localhost:3000/confirm?token=abc123'));
    const mails = await readOutbox(dir);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail).toMatchObject({ from: 'Starscape <noreply@starscape.test>', to: 'ada@example.com' });
    expect(Date.parse(mail.sentAt)).not.toBeNaN();
    expect(await confirmationTokenFor(dir, 'ada@example.com')).toBe('abc123');
    expect(await confirmationTokenFor(dir, 'rex@example.com')).toBeNull();
  });

  it('never shows a reader half a message, however often another thread reads while mail is written', async () => {
    // the e2e tests read the outbox from another process while the web server writes it: a worker thread reads
    // here in a tight loop, truly in parallel, and counts every listed message it could not parse
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const reader = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const fs = require('node:fs'), path = require('node:path');
       const stop = new Int32Array(workerData.stop);
       const whole = new Set();
       let reads = 0, torn = 0;
       while (Atomics.load(stop, 0) === 0) {
         for (const name of fs.readdirSync(workerData.dir).filter((n) => n.endsWith('.json') && !whole.has(n))) {
           try { JSON.parse(fs.readFileSync(path.join(workerData.dir, name), 'utf8')); whole.add(name); reads += 1; }
           catch (error) { if (error.code !== 'ENOENT') torn += 1; }
         }
       }
       parentPort.postMessage({ reads, torn });`,
      { eval: true, workerData: { dir, stop: stop.buffer } },
    );
    const counts = new Promise<{ reads: number; torn: number }>((resolve, reject) => {
      reader.once('message', resolve);
      reader.once('error', reject);
    });
    const mailer = new OutboxMailer(dir, 'noreply@starscape.test', quiet);
    const count = 300;
    for (let i = 0; i < count; i += 1) {
      await mailer.send(confirmSignUpMail(`p${i}@example.com`, `P${i}`, `http://localhost:3000/confirm?token=t${i}`));
    }
    Atomics.store(stop, 0, 1);
    const { reads, torn } = await counts;
    await reader.terminate();
    expect(reads).toBeGreaterThan(count / 2);
    expect(torn).toBe(0);
    expect(await readOutbox(dir)).toHaveLength(count);
    expect((await readdir(dir)).every((name) => name.endsWith('.json'))).toBe(true);
  });
});
