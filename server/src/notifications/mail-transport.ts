import nodemailer from 'nodemailer';

/** One message as handed to a transport. */
export interface MailEnvelope {
  /**
   * Stable per outbox row (`<row id@host>`): if a send is repeated after a crash between the
   * SMTP server's acceptance and the row being marked sent, receiving systems can tell it is the
   * same message.
   */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** Where the outbox hands mail: SMTP, the development mailbox, or a test's counter. */
export interface MailTransport {
  /** Written to `outbox_messages.transport`. */
  readonly name: string;
  /** The longest one send may take; a sender holds its lease at least this long for each. */
  readonly sendTimeoutMs: number;
  send(mail: MailEnvelope): Promise<void>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** SMTP through nodemailer, with timeouts that bound one send (connect + greeting + data). */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    name: 'smtp',
    sendTimeoutMs: 50_000,
    async send(mail) {
      await transporter.sendMail(mail);
    },
  };
}

/** Without SMTP_URL the row itself is the delivery: admins read it in the in-app mailbox. */
export const devMailbox: MailTransport = {
  name: 'dev-mailbox',
  sendTimeoutMs: 1_000,
  send: () => Promise.resolve(),
};
