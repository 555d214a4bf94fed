const BASE = "http://same-site.invalid";

/**
 * Only same-site relative paths; anything else falls back (no open redirects). The answer is
 * percent-encoded, so non-ASCII paths are valid in a Location header. Control characters are
 * refused: browsers drop tabs and newlines from URLs, so "/\t/evil.example" would become "//evil.example".
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F]/.test(to)) return fallback;
  try {
    const url = new URL(to, BASE);
    if (url.origin !== BASE) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
