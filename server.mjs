// Production entry: open the database (migrate, seed), then serve on 127.0.0.1:$PORT by default.
// It always runs in production mode (no stack traces to clients, HSTS, Secure cookies) unless
// NODE_ENV says otherwise. `npm start` adds `--evaluation`: the embedded database is allowed (boot
// refuses it in production otherwise) and cookies work over plain http on localhost.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "./server/app.mjs";

process.env.NODE_ENV ||= "production";
if (process.argv.includes("--evaluation")) {
  process.env.EVALUATION ||= "true";
  process.env.SECURE_COOKIES ||= "false";
}

const here = path.dirname(fileURLToPath(import.meta.url));
const build = await import(path.join(here, "build/index.js"));
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "127.0.0.1";

let kind;
try {
  kind = await build.entry.module.boot((m) => console.log(m));
} catch (e) {
  console.error(`portal: cannot start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
await build.entry.module.startWorkers((m) => console.log(m));
const app = createApp({ build });
const server = app.listen(port, host, () => console.log(`portal listening on http://${host}:${port} (${kind}, ${process.env.NODE_ENV})`));
// Longer than clients' and proxies' idle keep-alive (Node's default 5 s closed sockets that a client was
// just reusing: ECONNRESET on the next request).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
// SIGTERM: stop accepting, let requests in flight finish, stop taking jobs (the running ones finish),
// close the database pool, exit 0.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close(() => {
    build.entry.module
      .shutdown()
      .then(() => process.exit(0))
      .catch((e) => {
        console.error(`portal: shutdown: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      });
  });
  // Idle keep-alive sockets would hold close() open for a minute.
  server.closeIdleConnections?.();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
