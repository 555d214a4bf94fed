// Bad ids and parameters in URLs: every route of the manifest with a dynamic segment is asked with
// hostile values (out-of-range integers, NUL, bidi marks, path tricks, Persian digits) by several
// roles. Unknown ids must answer 404/403/302/400, never 500 (a database error leaking out).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createUser } from "../factories";
import { builtServer, send, sessionCookieFor } from "./http-helpers";

// Every request goes through the real HTTP stack and, without DATABASE_URL, an embedded PGlite on a shared
// machine: the first request of a file alone can take half a minute.
vi.setConfig({ testTimeout: 180_000 });

const app = builtServer();

const HOSTILE = ["99999999999999999999", "2147483648", "1e400", "abc", "%00", "..%2F..%2Fetc", "%DB%B1%DB%B2"];
const QUERY = ["after", "before", "page", "id", "q", "actor", "year", "status", "kind", "next"];
/** For routes without path parameters: every usual query parameter at once, with one hostile value. */
const QUERY_STRINGS = ["99999999999999999999", "1e400", "%00", "-1"].map((v) => QUERY.map((k) => `${k}=${v}`).join("&"));

/** The full URL pattern of a route: its path joined to its parents'. */
function fullPath(id: string): string | null {
  const parts: string[] = [];
  for (let r: (typeof app.build.routes)[string] | undefined = app.build.routes[id]; r; r = r.parentId ? app.build.routes[r.parentId] : undefined) {
    if (r.path) parts.unshift(r.path);
  }
  return "/" + parts.join("/");
}

describe("hostile URL parameters", () => {
  it("no route answers 500 to a hostile path parameter or query string", { timeout: 900_000 }, async () => {
    const cookies: Record<string, string | null> = { anonymous: null };
    for (const role of ["entrepreneur", "staff", "admin"] as const) cookies[role] = await sessionCookieFor((await createUser({ role })).id);
    const failures: string[] = [];
    let asked = 0;
    for (const id of Object.keys(app.build.routes).sort()) {
      const pattern = fullPath(id);
      if (pattern == null || id === "root") continue;
      const dynamic = /(^|\/)(:|\*)/.test(pattern);
      const urls = dynamic
        ? HOSTILE.map((v) => pattern.replace(/:[A-Za-z0-9_]+\??/g, v).replace(/\*/g, v))
        : QUERY_STRINGS.map((q) => `${pattern}?${q}`);
      for (const url of urls) {
        await Promise.all(
          Object.entries(cookies).map(async ([who, cookie]) => {
            const r = await send(app.server, url, { cookie });
            asked++;
            if (r.status >= 500) failures.push(`GET ${url} [${id}] as ${who}: ${r.status}`);
            if (dynamic && who !== "anonymous") {
              const p = await send(app.server, url, { cookie, method: "POST", form: { intent: "x", id: "99999999999999999999", version: "1e400" } });
              if (p.status >= 500) failures.push(`POST ${url} [${id}] as ${who}: ${p.status}`);
            }
          }),
        );
      }
    }
    expect(asked).toBeGreaterThan(0);
    failures.sort();
    expect(failures, `${failures.length} answers were server errors`).toEqual([]);
  });
});

// Odd spellings of an id (issue 10 item 12): `Number()` reads "0x10" as 16 and "1e3" as 1000, so a
// route that parses with it opens a record by a name nobody wrote. Every `:id` of every route answers
// these exactly as it answers an id that does not exist: 404, or the same refusal (302 to the login,
// 403) when the asker may not open the route at all — never 200 (another record) and never 500.
const ODD_IDS = ["0x1", "1e0", "0x10", "1e3", "-1", "00", "0", "123456789012345678901234567890", "۱", "١٦", "1.0", " 1", "+1"];
const MISSING = "2147483000";

describe("odd ids", () => {
  it("every route id answers an odd spelling like a missing id (404), never another record", { timeout: 900_000 }, async () => {
    const cookies: Record<string, string | null> = { anonymous: null };
    for (const role of ["entrepreneur", "staff", "admin"] as const) cookies[role] = await sessionCookieFor((await createUser({ role })).id);
    const failures: string[] = [];
    let asked = 0;
    for (const id of Object.keys(app.build.routes).sort()) {
      const pattern = fullPath(id);
      if (pattern == null || !/(^|\/):id(\/|$)/.test(pattern)) continue;
      const fill = (v: string) => pattern.replace(/:id(?=\/|$)/, encodeURIComponent(v)).replace(/:[A-Za-z0-9_]+\??/g, "00000000-0000-4000-8000-000000000000");
      for (const [who, cookie] of Object.entries(cookies)) {
        const baseline = (await send(app.server, fill(MISSING), { cookie })).status;
        const expected = baseline === 302 || baseline === 401 || baseline === 403 ? [404, baseline] : [404];
        await Promise.all(
          ODD_IDS.map(async (v) => {
            const r = await send(app.server, fill(v), { cookie });
            asked++;
            if (!expected.includes(r.status)) failures.push(`GET ${fill(v)} [${id}] as ${who}: ${r.status} (a missing id: ${baseline})`);
          }),
        );
      }
    }
    expect(asked).toBeGreaterThan(100);
    failures.sort();
    expect(failures, `${failures.length} odd ids were not answered like a missing id`).toEqual([]);
  });
});

// Hostile filters and bodies (issue 10 item 5). Every query key any route reads (found in the source, so
// a new filter is covered the day it is written) is sent a NUL byte, an overlong year and a 30-digit
// number; every route is POSTed a text, a JSON and three kinds of broken multipart body. A server error is
// a failure; a clear 400/415 (or the route's own refusal) is the answer.
function queryKeys(): string[] {
  const keys = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
        for (const m of fs.readFileSync(p, "utf8").matchAll(/(?:searchParams|params|query|url\.searchParams)\.(?:get|getAll|has)\("([A-Za-z_][\w.-]*)"\)/g)) keys.add(m[1]);
      }
    }
  };
  walk(path.resolve(__dirname, "../../app"));
  return [...keys].sort();
}

const BOUNDARY = "----hostile7MA4YWxkTrZu0gW";
const BODIES: { name: string; type: string; body: string }[] = [
  { name: "text/plain", type: "text/plain;charset=UTF-8", body: "intent=save&title=x" },
  { name: "JSON", type: "application/json", body: '{"intent":"save","title":"x"}' },
  { name: "multipart without boundary", type: "multipart/form-data", body: "intent=save" },
  { name: "truncated multipart", type: `multipart/form-data; boundary=${BOUNDARY}`, body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave` },
  { name: "multipart without names", type: `multipart/form-data; boundary=${BOUNDARY}`, body: `--${BOUNDARY}\r\nContent-Disposition: form-data; filename="a;b\\".pdf"\r\n\r\nxx\r\n--${BOUNDARY}\r\nX: y\r\n\r\nzz\r\n--${BOUNDARY}--\r\n` },
  { name: "multipart with a quoted ; in the file name", type: `multipart/form-data; boundary=${BOUNDARY}`, body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="plan;v2 %22final%22.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 x\r\n--${BOUNDARY}--\r\n` },
];

describe("hostile filters and bodies", () => {
  it("no route answers 500 to NUL, huge years or numbers in any filter, or to a non-form or broken body", { timeout: 900_000 }, async () => {
    const keys = queryKeys();
    expect(keys).toEqual(expect.arrayContaining(["county", "year", "q", "after", "status"]));
    const cookies: Record<string, string | null> = { anonymous: null };
    for (const role of ["entrepreneur", "staff", "admin"] as const) cookies[role] = await sessionCookieFor((await createUser({ role })).id);
    const queries = ["%00", "a%00b", "99999", "123456789012345678901234567890", "%E2%80%AE%00"].map((v) => keys.map((k) => `${k}=${v}`).join("&"));
    const failures: string[] = [];
    for (const id of Object.keys(app.build.routes).sort()) {
      const pattern = fullPath(id);
      if (pattern == null || id === "root") continue;
      const url = pattern.replace(/:[A-Za-z0-9_]+\??/g, "1").replace(/\*/g, "x");
      await Promise.all(
        Object.entries(cookies).map(async ([who, cookie]) => {
          for (const q of queries) {
            const r = await send(app.server, `${url}?${q}`, { cookie });
            if (r.status >= 500) failures.push(`GET ${url}?${q.slice(0, 40)}… [${id}] as ${who}: ${r.status}`);
          }
          if (who === "anonymous") return;
          for (const b of BODIES) {
            const r = await send(app.server, url, { cookie, method: "POST", body: b.body, headers: { "Content-Type": b.type } });
            if (r.status >= 500) failures.push(`POST ${url} (${b.name}) [${id}] as ${who}: ${r.status}`);
          }
        }),
      );
    }
    failures.sort();
    expect(failures, `${failures.length} answers were server errors`).toEqual([]);
  });
});
