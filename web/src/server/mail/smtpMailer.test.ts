import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmSignUpMail } from './messages';
import { SmtpMailer } from './smtpMailer';

/** The production mailer against a real SMTP server on loopback (the `smtp-server` package), with log-in. */

interface Received {
  from: string | undefined;
  to: string[];
  raw: string;
}

const received: Received[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'], // no certificate here; production servers upgrade with STARTTLS or use smtps://
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, done) {
      if (auth.username === 'starscape' && auth.password === 's3cret') done(null, { user: auth.username });
      else done(new Error('Invalid username or password'));
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
    logger: false,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('SmtpMailer', () => {
  it('logs in and delivers the mail with its From, To, Subject, text and HTML parts', async () => {
    const mailer = new SmtpMailer(`smtp://starscape:s3cret@127.0.0.1:${port}`, 'Starscape <no-reply@play.example>');
    const link = 'https://play.example/confirm?token=abc';
    await mailer.send(confirmSignUpMail('nova@example.com', 'Nova <Prime>', link));
    mailer.close();

    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail).toMatchObject({ from: 'no-reply@play.example', to: ['nova@example.com'] });
    expect(mail!.raw).toMatch(/^From: Starscape <no-reply@play\.example>$/m);
    expect(mail!.raw).toMatch(/^To: nova@example\.com$/m);
    expect(mail!.raw).toMatch(/^Subject: Confirm your email to found your Starscape starbase$/m);
    expect(mail!.raw).toMatch(/^Content-Type: text\/plain/m);
    expect(mail!.raw).toMatch(/^Content-Type: text\/html/m);
    // quoted-printable may fold long lines; the link is whole once unfolded
    const unfolded = mail!.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(unfolded).toContain(link);
    expect(unfolded).toContain('Nova &lt;Prime&gt;'); // escaped in the HTML part
  });

  it('rejects when the server refuses the log-in, or when nothing listens', async () => {
    const wrong = new SmtpMailer(`smtp://starscape:wrong@127.0.0.1:${port}`, 'Starscape <no-reply@play.example>');
    await expect(wrong.send(confirmSignUpMail('x@example.com', 'X', 'https://play.example/confirm?token=x'))).rejects.toThrow(/Invalid username or password|535/);
    wrong.close();
    const nobody = new SmtpMailer('smtp://127.0.0.1:1', 'Starscape <no-reply@play.example>');
    await expect(nobody.send(confirmSignUpMail('x@example.com', 'X', 'https://play.example/confirm?token=x'))).rejects.toThrow(/ECONNREFUSED/);
    nobody.close();
    expect(received).toHaveLength(1);
  });
});
