import { dirOf, type Locale } from "~/i18n/locale";

// Mail bodies: right-to-left HTML for Persian, left-to-right for English, always with a plain-text
// part. Pure, so its output can be tested without a server.

export interface MailContent {
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
  unsubscribe?: { label: string; url: string };
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function renderMail(locale: Locale, c: MailContent): RenderedMail {
  const dir = dirOf(locale);
  const align = dir === "rtl" ? "right" : "left";
  const text = [
    c.heading,
    "",
    ...c.paragraphs.flatMap((p) => [p, ""]),
    ...(c.action ? [`${c.action.label}:`, c.action.url, ""] : []),
    ...(c.footer ? [c.footer] : []),
    ...(c.unsubscribe ? ["", `${c.unsubscribe.label}: ${c.unsubscribe.url}`] : []),
  ].join("\n");
  const html = `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(c.subject)}</title></head>
<body dir="${dir}" style="margin:0;padding:24px;background:#f5f5f4;font-family:Vazirmatn,Tahoma,Arial,sans-serif;direction:${dir};text-align:${align};color:#1c1917">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escape(c.heading)}</h1>
${c.paragraphs.map((p) => `<p style="line-height:1.9;margin:0 0 12px">${escape(p)}</p>`).join("\n")}
${c.action ? `<p style="margin:24px 0"><a href="${escape(c.action.url)}" style="background:#0f766e;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">${escape(c.action.label)}</a></p>
<p style="font-size:12px;color:#57534e;direction:ltr;text-align:left;word-break:break-all">${escape(c.action.url)}</p>` : ""}
${c.footer ? `<p style="font-size:12px;color:#57534e;margin-top:24px">${escape(c.footer)}</p>` : ""}
${c.unsubscribe ? `<p style="font-size:12px;margin-top:12px"><a href="${escape(c.unsubscribe.url)}" style="color:#57534e">${escape(c.unsubscribe.label)}</a></p>` : ""}
</div>
</body>
</html>`;
  return { subject: c.subject, text, html };
}
