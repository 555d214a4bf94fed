import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/ui/nonce";
import { requestContext } from "~/lib/request.server";
import { connection } from "~/lib/db.server";
import { bootRefusal, env } from "~/lib/env.server";
import { boot as bootDb } from "../db/boot";
import { migrations } from "../db/migrations/index";
import { sql } from "kysely";
import { startJobs, stopJobs } from "~/jobs.server";
import { startCacheBus, stopCacheBus } from "~/lib/cache-bus.server";
import { seedDemo as seedDemoDb } from "../db/seeds/demo";

export const streamTimeout = 5_000;

const safeLogPath = (p: string) => p.replace(/^\/(password\/reset|verify|invite|unsubscribe)\/[^/]+/, "/$1/:token").replace(/[0-9۰-۹٠-٩]{8,}/g, ":n");

// For the express layer's conditional GETs of public pages (server/public-cache.mjs).
export { publicVersion, PUBLIC_CACHEABLE as publicPaths, PUBLIC_CACHE_CONTROL as publicCacheControl } from "~/lib/public-cache.server";

/** Called by server.mjs before it listens: open the database, migrate, seed. */
export async function boot(log: (m: string) => void = console.log) {
  const refusal = bootRefusal(env());
  if (refusal) throw new Error(refusal);
  const conn = await connection();
  await bootDb(conn.db, { embedded: conn.kind === "pglite", demo: env().DEMO_DATA !== "off", log });
  if (conn.kind === "postgres" && env().DATABASE_URL) await startCacheBus(env().DATABASE_URL!, log);
  return conn.kind;
}

const MIGRATIONS = Object.keys(migrations);

/** /readyz: the database answers and every migration this build knows has run (one cheap statement). */
export async function ready(): Promise<boolean> {
  const conn = await connection();
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM kysely_migration WHERE name = ANY(${MIGRATIONS})`.execute(conn.db);
  return r.rows[0]?.n === MIGRATIONS.length;
}

/** Starts the background job workers (unless JOBS=off); server.mjs calls it after boot. */
export async function startWorkers(log: (m: string) => void = console.log) {
  await startJobs(log);
}

/** SIGTERM: stop taking jobs, let the ones running finish, then close the database pool. */
export async function shutdown() {
  await stopJobs();
  await stopCacheBus();
  const conn = await connection();
  await conn.close();
}

/** Loads the demo province on any database (end-to-end tests and benchmarks; never in production). */
export async function seedDemo() {
  if (env().NODE_ENV === "production") throw new Error("demo seed refused in production");
  const conn = await connection();
  await seedDemoDb(conn.db);
}

/**
 * React 18.3's streaming renderer can write NUL bytes where a multi-byte (e.g. Persian) character
 * does not fit at the end of its 2 KB chunk: it flushes the whole chunk, unfilled tail included
 * (react#31134). Nothing is lost, the zeros are extra, and U+0000 is never valid in HTML: drop them.
 */
function dropZeros(chunk: Buffer): Buffer {
  let at = chunk.indexOf(0);
  if (at < 0) return chunk;
  // The zeros sit in runs (a chunk's unfilled tail): copy the pieces between them, natively.
  const pieces: Buffer[] = [];
  let from = 0;
  while (at >= 0) {
    if (at > from) pieces.push(chunk.subarray(from, at));
    from = at + 1;
    while (from < chunk.length && chunk[from] === 0) from++;
    at = chunk.indexOf(0, from);
  }
  if (from < chunk.length) pieces.push(chunk.subarray(from));
  return Buffer.concat(pieces);
}

const END_TAGS = Buffer.from("</body></html>");

/**
 * The document's body bytes, cleaned on the way out: NUL bytes dropped (above), and "</body></html>"
 * moved to the very end. Remix streams the loader data (single fetch) as <script> elements rendered
 * after the <html> element, so they arrived after "</html>": invalid HTML (the Nu checker's "stray
 * start tag script"), though browsers ran them. Holding the two end tags back until the stream ends
 * puts those scripts inside <body>, where they run the same. The tags may straddle two chunks, so up
 * to 13 bytes wait for the next chunk.
 */
function documentBody() {
  let found = false;
  let carry: Buffer = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let buf = dropZeros(chunk);
      if (found) return done(null, buf);
      if (carry.length) buf = Buffer.concat([carry, buf]);
      const at = buf.indexOf(END_TAGS);
      if (at >= 0) {
        found = true;
        carry = Buffer.alloc(0);
        return done(null, Buffer.concat([buf.subarray(0, at), buf.subarray(at + END_TAGS.length)]));
      }
      const keep = Math.min(buf.length, END_TAGS.length - 1);
      carry = Buffer.from(buf.subarray(buf.length - keep));
      done(null, buf.subarray(0, buf.length - keep));
    },
    flush(done) {
      done(null, found ? Buffer.concat([carry, END_TAGS]) : carry);
    },
  });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const { nonce, meta } = requestContext(loadContext);
  if (meta) meta.route = remixContext.staticHandlerContext.matches.at(-1)?.route.id;
  const bot = isbot(request.headers.get("user-agent") || "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [bot ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = documentBody();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  // Expected answers (405 for a POST to a page without an action, 404 for an unknown route) are not errors to log.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  // The path only: a query string can carry what people typed (a national ID in a search).
  console.error(JSON.stringify({ level: "error", path: safeLogPath(new URL(request.url).pathname), message: error instanceof Error ? error.stack : String(error) }));
};
