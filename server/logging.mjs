// Structured JSON logs (pino), one line per request: request id, user id, route, method, status and
// duration. Never a password, token, national ID or mobile number: bodies and query strings are not
// logged at all, and the path's secrets (the tokens of reset, verification, invitation and
// unsubscribe links) and long digit runs (national IDs, mobiles) are masked.
import pino from "pino";

let logger;

/** The process's logger (LOG_LEVEL, default info; JSON to stdout). */
export function log() {
  logger ??= pino({
    // Tests make thousands of requests: only warnings and errors there unless LOG_LEVEL says otherwise.
    level: process.env.LOG_LEVEL || (process.env.NODE_ENV === "test" ? "warn" : "info"),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ["password", "*.password", "token", "*.token", "nationalId", "*.nationalId", "mobile", "*.mobile", "cookie", "*.cookie", "authorization"], censor: "[redacted]" },
  });
  return logger;
}

const SECRET_SEGMENT = /^\/(password\/reset|verify|invite|unsubscribe)\/[^/]+/;

/** A path fit for a log line: link tokens and digit runs of 8 or more (IDs, phone numbers) masked. */
export function safePath(path) {
  return String(path)
    .replace(SECRET_SEGMENT, (_m, prefix) => `/${prefix}/:token`)
    .replace(/[0-9۰-۹٠-٩]{8,}/g, ":n")
    .slice(0, 200);
}

/** Express middleware: logs each request when its response finishes. */
export function requestLog() {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on("finish", () => {
      if (req.path === "/healthz" || req.path === "/readyz") return;
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const meta = res.locals.meta ?? {};
      const line = {
        reqId: res.locals.requestId,
        userId: meta.userId ?? null,
        route: meta.route ?? null,
        method: req.method,
        path: safePath(req.path),
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      };
      if (res.statusCode >= 500) log().error(line, "request");
      else log().info(line, "request");
    });
    next();
  };
}
