import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { config } from "@/lib/config";
import { log } from "@/lib/log";

// Outgoing mail (password reset, "someone tried to sign up with your email"). With SMTP_HOST set,
// through that server (nodemailer); without it, each mail is written to the server log as one
// `mail` line, so a small install without a mail server still works (README "Email").

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

let transport: { key: string; transporter: Transporter } | undefined;

function transporter(host: string): Transporter {
  const key = [host, config.SMTP_PORT, config.SMTP_USER].join("|");
  if (transport?.key !== key) {
    const auth = config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? "" } : undefined;
    // Short timeouts: a mail is sent after the answer, and a stop (systemd, Docker) waits for it.
    const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
    transport = {
      key,
      transporter: nodemailer.createTransport({ host, port: config.SMTP_PORT, secure: config.SMTP_PORT === 465, auth, ...timeouts }),
    };
  }
  return transport.transporter;
}

/** Sends one mail. A failure to send is logged, never shown: the answer to the visitor must not depend on it. */
export async function sendMail(mail: Mail): Promise<void> {
  const host = config.SMTP_HOST;
  if (!host) {
    log("info", "mail", { to: mail.to, subject: mail.subject, text: mail.text });
    return;
  }
  try {
    await transporter(host).sendMail({ from: config.SMTP_FROM, ...mail });
  } catch (error) {
    log("warn", "mail not sent", { to: mail.to, subject: mail.subject, error: error instanceof Error ? error.message : String(error) });
  }
}

/** Where links in mails point: APP_URL, or (without SMTP, where the log is the only reader) the request's own origin. */
export function siteUrl(requestOrigin: string): string {
  return (config.APP_URL ?? requestOrigin).replace(/\/+$/, "");
}
