// Conditional GETs of the public pages (issue 18 item 8, decision 0034). For an anonymous reader (no
// session, no flash cookie) of a path the app lists as cacheable (PUBLIC_CACHEABLE in
// app/lib/public-cache.server.ts), the ETag is a hash of the data's version (one SQL statement, the same
// on every instance), the path and query, the reader's language and the build. A matching If-None-Match
// answers 304 here, before Remix runs; otherwise the 200 that Remix renders carries the ETag and a
// Cache-Control a shared cache may keep. Anything but a 200 is left as Remix made it.
import crypto from "node:crypto";

const PRIVATE_COOKIE = /(?:^|;\s*)(sid|flash)=/;

export function publicCache(build) {
  const mod = build?.entry?.module;
  if (typeof mod?.publicVersion !== "function" || !Array.isArray(mod?.publicPaths)) return (_req, _res, next) => next();
  const paths = new Set(mod.publicPaths);
  const cacheControl = mod.publicCacheControl;
  const buildVersion = build.assets?.version ?? "";

  return async (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !paths.has(req.path)) return next();
    const cookies = req.get("cookie") || "";
    if (PRIVATE_COOKIE.test(cookies)) return next();
    let version;
    try {
      version = await mod.publicVersion();
    } catch {
      return next(); // the page itself will say what is wrong with the database
    }
    const lang = /(?:^|;\s*)lang=([^;]*)/.exec(cookies)?.[1] ?? "";
    const key = [version, req.originalUrl, lang, req.get("accept-language") || "", buildVersion].join("\n");
    const etag = `W/"${crypto.createHash("sha256").update(key).digest("base64url").slice(0, 27)}"`;
    const headers = { ETag: etag, "Cache-Control": cacheControl, Vary: "Cookie, Accept-Language" };
    const inm = req.get("if-none-match");
    if (inm && inm.split(",").some((t) => t.trim() === etag || t.trim() === "*")) {
      // No Content-Security-Policy here (server/app.mjs makes it after this middleware): a 304 updates the
      // headers the browser stored with its copy (RFC 9111 4.3.4), and a new script nonce would block the
      // stored page's scripts.
      res.status(304).set(headers).end();
      return;
    }
    const writeHead = res.writeHead;
    res.writeHead = function (status, ...rest) {
      if ((status ?? res.statusCode) === 200) for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      return writeHead.call(this, status, ...rest);
    };
    next();
  };
}
