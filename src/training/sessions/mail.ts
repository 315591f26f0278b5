import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { MailTransport, OutgoingEmail } from './outbox.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string;
}

function mailOf(from: string, m: OutgoingEmail) {
  return {
    from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    messageId: m.messageId,
    ...(m.ics && {
      attachments: [{ filename: 'session.ics', content: m.ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }],
    }),
  };
}

export function smtpTransport(s: SmtpSettings): MailTransport {
  const transporter = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    ...(s.user !== undefined && { auth: { user: s.user, pass: s.password ?? '' } }),
  });
  return {
    async send(m) {
      await transporter.sendMail(mailOf(s.from, m));
    },
  };
}

/** Development without SMTP: each message becomes one .eml file in a folder, readable in any mail client. */
export function fileTransport(folder: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m) {
      const info = await transporter.sendMail(mailOf(from, m));
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const name = m.messageId.replace(/[^A-Za-z0-9@.-]/g, '');
      await writeFile(path.join(folder, `${name}.eml`), info.message as Buffer, { mode: 0o600 });
    },
  };
}
