// The HTTP layer shared by the production server and the tests: request ids and the request log,
// a public page's 304 (server/public-cache.mjs, before anything else is made for it), security headers
// on every other response (static files and errors too), foreign-Origin refusal for non-GET requests,
// a body size cap, then Remix.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import { publicCache } from "./public-cache.mjs";
import { log, requestLog } from "./logging.mjs";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/** scheme://host:port of a URL (default ports dropped), or "invalid". */
function originOf(url) {
  try {
    const o = new URL(url).origin;
    return o === "null" ? "invalid" : o;
  } catch {
    return "invalid";
  }
}

/**
 * TRUST_PROXY: how many proxies in front of the app may set X-Forwarded-For/-Proto (a hop count),
 * so the client address is the one the nearest trusted proxy saw and a client cannot spoof it.
 * "true" means one hop; unset or "false" trusts none.
 */
export function trustProxy(value) {
  if (!value || value === "false") return false;
  if (value === "true") return 1;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 0 && n <= 10) return n;
  throw new Error(`TRUST_PROXY must be a hop count (0-10), "true" or "false"; got ${value}`);
}

export function createApp({ build, production = process.env.NODE_ENV === "production", maxBodyBytes = (Number(process.env.MAX_UPLOAD_MB) || 10) * 1024 * 1024 + 256 * 1024 }) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy(process.env.TRUST_PROXY));

  // Liveness and readiness for a load balancer: cheap, unauthenticated, no details.
  app.get("/healthz", (_req, res) => {
    res.status(200).type("text/plain").set("Cache-Control", "no-store").send("ok");
  });
  app.get("/readyz", async (_req, res) => {
    const ready = await Promise.resolve(build.entry.module.ready?.() ?? true).catch(() => false);
    res.status(ready ? 200 : 503).type("text/plain").set("Cache-Control", "no-store").send(ready ? "ready" : "not ready");
  });

  app.use((req, res, next) => {
    res.locals.requestId = crypto.randomUUID();
    res.locals.meta = {};
    res.setHeader("X-Request-Id", res.locals.requestId);
    next();
  });

  app.use(requestLog());

  // A conditional GET of a public page whose ETag still matches is answered here (304, no body), before the
  // page's security headers are made: a 304's headers are merged into the browser's stored copy, and a new
  // CSP nonce there would block the stored page's scripts. Every other answer gets them below.
  app.use(publicCache(build));

  app.use((req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (production && process.env.HSTS !== "false") res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });

  // Non-GET requests must come from this site: a foreign Origin (or, without Origin, a foreign Referer)
  // is refused. "This site" is scheme, host and port: https://host is not http://host. Behind a proxy
  // that terminates TLS, TRUST_PROXY=true makes the scheme the client's (X-Forwarded-Proto).
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const source = req.get("origin") || req.get("referer");
    if (source && originOf(source) !== originOf(`${req.protocol}://${req.get("host")}`)) {
      res.status(403).type("text/plain; charset=utf-8").send("Forbidden: cross-site request refused / درخواست از مبدأ دیگر پذیرفته نمی‌شود");
      return;
    }
    // A body without Content-Length (chunked) could only be measured by reading it, so it is refused
    // up front; browsers always send Content-Length for forms and uploads.
    if (req.get("transfer-encoding") && !req.get("content-length")) {
      res.status(411).type("text/plain; charset=utf-8").send("Length required / طول درخواست باید مشخص باشد");
      return;
    }
    const length = Number(req.get("content-length") || 0);
    if (length > maxBodyBytes) {
      res.status(413).type("text/plain; charset=utf-8").send("Payload too large / حجم درخواست بیش از حد مجاز است");
      return;
    }
    // Every action reads a form: JSON, text and other bodies are refused here, so no route meets a
    // body it cannot parse (they used to reach remix-auth and answer 500).
    if (length > 0 && !FORM_TYPES.test(req.get("content-type") || "")) {
      res.status(415).type("text/plain; charset=utf-8").send("Unsupported media type: send a form / فقط فرم پذیرفته می‌شود");
      return;
    }
    next();
  });

  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  // public/'s own files (favicon, icons, robots.txt, the manifest) are served by name, listed once at
  // start; every other path goes straight to the app. express.static alone looked each page's path up
  // as a file first: a stat of public/<path> on every request (~0.2 ms of CPU in a profile).
  const publicDir = path.join(root, "public");
  const publicFiles = new Set(fs.readdirSync(publicDir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => `/${e.name}`));
  const serveFile = express.static(publicDir, { maxAge: "1h", index: false });
  app.use((req, res, next) => (publicFiles.has(req.path) ? serveFile(req, res, next) : next()));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: production ? "production" : "development",
      getLoadContext: (req, res) => ({ requestId: res.locals.requestId, nonce: res.locals.nonce, ip: req.ip || req.socket.remoteAddress || "unknown", meta: res.locals.meta }),
    }),
  );

  app.use((err, req, res, _next) => {
    // Errors express marks as the client's (a malformed URL: status 400) are answered as such, not as a 500.
    const status = Number(err?.status ?? err?.statusCode);
    if (status >= 400 && status < 500) {
      res.status(status).type("text/plain; charset=utf-8").send("Bad request / درخواست نادرست");
      return;
    }
    log().error({ reqId: res.locals.requestId, err: { message: err?.message, stack: err?.stack } }, "unhandled error");
    res.status(500).type("text/plain; charset=utf-8").send("Server error / خطای سامانه");
  });

  return app;
}
