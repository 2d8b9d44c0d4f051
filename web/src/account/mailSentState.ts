import 'server-only';
import type { FormState } from '../forms/formState';
import { mailer } from '../server/mail/mailer';

/** A form's "check your inbox" answer, plus, on a server that keeps its mail (no SMTP_URL), where to find it. */
export function mailSentState<F extends string>(email: string, message: string): FormState<F> {
  const note =
    mailer().delivery === 'outbox'
      ? 'This server sends no mail (SMTP_URL is not set): the link is printed in its log and saved in its data/outbox folder.'
      : undefined;
  return { status: 'success', message, note, values: { email } as Partial<Record<F, string>> };
}
