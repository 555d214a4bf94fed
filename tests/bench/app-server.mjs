// The app for `npm run bench`, started as deployed: what server.mjs does (boot = migrate + reference
// seed, then createApp with production behaviour), but from the build copy given in $BENCH_BUILD so
// a concurrent `remix build` in the shared tree cannot swap the code under the benchmark.
// Listens on 127.0.0.1:$PORT, prints "listening <port>", stops when its parent closes stdin.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const { createApp } = await import(pathToFileURL(path.join(here, "../../server/app.mjs")).href);
const build = await import(pathToFileURL(process.env.BENCH_BUILD).href);
// The benchmark measures what a page costs (the limit's token statement included), not the per-user
// limit refusing one user's thousands of requests (decision 0050).
process.env.EXPORTS_PER_MINUTE ??= "1000000";
process.env.SEARCHES_PER_MINUTE ??= "1000000";
await build.entry.module.boot(() => {});
// The job runner runs as in production (server.mjs): the figures include its polling and its scheduled
// jobs (issue 18: "npm run bench still meets every earlier figure with the job runner running").
// JOBS=off measures without it.
await build.entry.module.startWorkers((m) => console.error(m));
const server = createApp({ build }).listen(Number(process.env.PORT || 0), "127.0.0.1", () => console.log(`listening ${server.address().port}`));
const stop = () => server.close(() => build.entry.module.shutdown().finally(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
setTimeout(() => process.exit(0), Number(process.env.BENCH_MAX_SECONDS || 1800) * 1000).unref();
