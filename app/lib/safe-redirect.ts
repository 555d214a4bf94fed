// Where a form may send the browser next (`next` on /login, `redirectTo` on /lang, a notification's
// `link`): only a path on this site. The candidate is resolved against the site's own origin, the way a
// browser resolves a Location header, and accepted only when the result stays on that origin and reads
// as a path again: "/..//evil.example" resolves to the pathname "//evil.example", which a browser reads
// as another host, so it is refused (issue 10, item 3). The answer is percent-encoded, so non-ASCII
// paths are valid in a Location header.
const ORIGIN = "https://portal.invalid";

/** A same-site path to redirect to, or `fallback`. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return fallback;
  // Browsers drop tabs and newlines from URLs ("/\t/evil.example" becomes "//evil.example"); refuse
  // every control character rather than guess what a browser makes of it.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  const path = url.pathname + url.search + url.hash;
  // The answer itself must be a path: "//host" and "/\host" name another host.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  // Resolving the answer again must land on the same URL (nothing left for a second pass to reinterpret).
  if (new URL(path, ORIGIN).href !== url.href) return fallback;
  return path;
}
