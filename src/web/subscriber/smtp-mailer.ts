import nodemailer from 'nodemailer';
import type { Mailer, OutgoingMail } from './subscriber-app-context.js';

/**
 * Sends single mails (sign-up confirmations) over SMTP_URL with nodemailer: one connection per mail, which
 * is plenty for a handful of sign-ups an hour. `from` is `email.from` from the config.
 */
export function createSmtpMailer(url: string, from: { name: string; address: string }): Mailer & { close(): void } {
  const transport = nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(mail: OutgoingMail) {
      await transport.sendMail({
        from: { name: from.name, address: from.address },
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { 'Auto-Submitted': 'auto-replied' },
      });
    },
    close() {
      transport.close();
    },
  };
}
