import 'server-only';
import { defaultDataDir } from '@starscape/prisma';
import { env } from '../env';
import type { Mailer } from './mail';
import { OutboxMailer, outboxDir } from './outbox';
import { SmtpMailer } from './smtpMailer';

let cached: Mailer | undefined;

/** This process's mailer: SMTP when SMTP_URL is set, else the outbox folder in DATA_DIR. */
export function mailer(): Mailer {
  const { SMTP_URL, MAIL_FROM, DATA_DIR } = env();
  cached ??= SMTP_URL ? new SmtpMailer(SMTP_URL, MAIL_FROM) : new OutboxMailer(outboxDir(DATA_DIR ?? defaultDataDir), MAIL_FROM);
  return cached;
}
