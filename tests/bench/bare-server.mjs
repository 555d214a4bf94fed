// The ceiling for `npm run bench`: a bare Node http server on 127.0.0.1:$PORT (0 = any free port).
// Prints "listening <port>" and stops when its parent closes stdin or after $BENCH_MAX_SECONDS.
import http from "node:http";

const body = Buffer.from("<!doctype html><title>bare</title><p>ok</p>\n");
const server = http.createServer((req, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
  res.end(body);
});
server.listen(Number(process.env.PORT || 0), "127.0.0.1", () => console.log(`listening ${server.address().port}`));
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
setTimeout(() => process.exit(0), Number(process.env.BENCH_MAX_SECONDS || 1800) * 1000).unref();
