import { createTransport, type Transporter } from 'nodemailer';
import type { Mail, Mailer } from './mail';

/**
 * Sends through the SMTP server named by SMTP_URL (`smtp://user:password@host:587`, upgraded with STARTTLS
 * when the server offers it, or `smtps://…:465`). Gives up on a server that does not answer within seconds
 * rather than nodemailer's default minutes.
 */
export class SmtpMailer implements Mailer {
  readonly delivery = 'smtp';
  private readonly transport: Transporter;

  constructor(url: string, private readonly from: string) {
    this.transport = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
  }

  close(): void {
    this.transport.close();
  }
}
