/** One message Starscape sends: always a plain-text part and an HTML part saying the same. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where mail goes: an SMTP server (production), or the outbox folder when none is configured. */
export interface Mailer {
  readonly delivery: 'smtp' | 'outbox';
  send(mail: Mail): Promise<void>;
}
