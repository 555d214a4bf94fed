import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/ui/nonce";
import { documentBody } from "~/lib/document-stream.server";
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
  if (conn.fromTemplate) log("embedded database: a new data folder, started from the install-time template (npm run db:template)");
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

/** The jobs this build registers (tests/operations/jobs-in-build.test.ts compares them with the source's). */
export { registeredJobs } from "~/jobs.server";

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
