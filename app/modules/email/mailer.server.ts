import nodemailer from "nodemailer";

// Mail goes out over SMTP when SMTP_URL is set (smtp://user:pass@host:587, smtps://... for TLS);
// without it notifications stay in-app only and nothing is written to the outbox.

let transport: nodemailer.Transporter | undefined;
let transportUrl: string | undefined;

export function mailEnabled(): boolean {
  return !!process.env.SMTP_URL;
}

export function transporter(): nodemailer.Transporter | null {
  const url = process.env.SMTP_URL;
  if (!url) return null;
  if (url !== transportUrl) {
    transport?.close();
    transport = nodemailer.createTransport(url);
    transportUrl = url;
  }
  return transport!;
}

export function mailFrom(): string {
  return process.env.MAIL_FROM || "سامانه کارآفرینی <no-reply@karafarini.local>";
}

/**
 * An absolute link for a mail. The base is configuration (PUBLIC_URL), never the request's Host
 * header, so nobody can make the portal mail a reset link pointing at their own site.
 */
export function publicUrl(path: string): string {
  const base = process.env.PUBLIC_URL || `http://127.0.0.1:${process.env.PORT || 3000}`;
  return new URL(path, base).toString();
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  unsubscribeUrl?: string | null;
}

export async function deliver(mail: OutgoingMail): Promise<void> {
  const t = transporter();
  if (!t) throw new Error("SMTP_URL is not set");
  await t.sendMail({
    from: mailFrom(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.unsubscribeUrl
      ? { "List-Unsubscribe": `<${mail.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
      : undefined,
  });
}
