import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '#src/config/config.ts';

/** A plain-text message. */
export type MailMessage = { to: string; subject: string; text: string };

const transports = new Map<string, Transporter>();

async function transportFor(smtpUrl: string): Promise<Transporter> {
  // nodemailer (a tenth of what `serve` loads at start) is loaded by the first mail sent, into a
  // chunk of its own (ADR 0040): most processes send none.
  const { default: nodemailer } = await import('nodemailer');
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(smtpUrl);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/**
 * Sends a message through SMTP when SMTP_URL is set; otherwise writes it to the server log so an
 * operator without mail can still act on it (e.g. pass on a password-reset link).
 */
export async function sendMail(
  deps: { config: Pick<Config, 'smtpUrl' | 'mailFrom'>; logger: Logger },
  message: MailMessage,
): Promise<void> {
  if (!deps.config.smtpUrl) {
    deps.logger.info({ mail: message }, `Mail not sent (SMTP_URL is unset). To: ${message.to}. Subject: ${message.subject}.\n${message.text}`);
    return;
  }
  await (await transportFor(deps.config.smtpUrl)).sendMail({ from: deps.config.mailFrom, ...message });
  deps.logger.info({ to: message.to, subject: message.subject }, 'Mail sent');
}
