// Issue 10 item 9: exports and text searches take a token from the asker's own bucket
// (~/lib/heavy-limit.server, decision 0050). One user bursting on an export gets 429 with
// Retry-After and a message in their language, while another user's pages and exports still
// answer 200 during the burst; the search limit answers the same way on a list page.
import { describe, expect, it, vi } from "vitest";
import { translate } from "~/i18n";
import { getDb } from "~/lib/db.server";
import { heavyLimit } from "~/lib/heavy-limit.server";
import { takeToken } from "~/lib/rate-limit.server";
import { createUser } from "../factories";
import { builtServer, send, sessionCookieFor } from "./http-helpers";

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });
// Small buckets (5 a minute, one token back every 12 s) so a burst outruns the refill even on a
// loaded machine; set before any module reads the configuration.
vi.hoisted(() => {
  process.env.EXPORTS_PER_MINUTE = "5";
  process.env.SEARCHES_PER_MINUTE = "5";
});
/** The most a bucket can grant in `ms`: its burst plus what refilled meanwhile. */
const most = (kind: "export" | "search", ms: number) => heavyLimit(kind).capacity + Math.ceil((ms / 1000) * heavyLimit(kind).perSecond);

const app = builtServer();

describe("per-user limits on exports and searches", () => {
  it("a burst of exports from one user gets 429 with Retry-After; another user's page and export answer 200 meanwhile", async () => {
    const [burster, other] = await Promise.all([createUser({ role: "staff" }), createUser({ role: "staff" })]);
    const a = await sessionCookieFor(burster.id);
    const b = await sessionCookieFor(other.id);
    expect(heavyLimit("export").capacity).toBe(5);
    const n = heavyLimit("export").capacity + 10;
    const started = Date.now();
    const burst = Promise.all(Array.from({ length: n }, () => send(app.server, "/employment/enterprises.csv", { cookie: a, headers: { "Accept-Language": "fa" }, timeoutMs: 120_000 })));
    // During the burst, the other user's list page and own export.
    const during = await Promise.all([
      send(app.server, "/employment/enterprises", { cookie: b, timeoutMs: 120_000 }),
      send(app.server, "/employment/enterprises.csv", { cookie: b, timeoutMs: 120_000 }),
    ]);
    const answers = await burst;
    const took = Date.now() - started;
    expect(during.map((r) => r.status)).toEqual([200, 200]);
    const refused = answers.filter((r) => r.status === 429);
    expect(answers.filter((r) => r.status === 200).length).toBeLessThanOrEqual(most("export", took));
    expect(refused.length).toBeGreaterThanOrEqual(n - most("export", took));
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    const r = refused[0];
    expect(Number(r.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(r.body).toContain(translate("fa", "error.rateLimited.export"));
    // still refused right after, in English for an English reader; the other user is still served
    const en = await send(app.server, "/employment/enterprises.csv", { cookie: a, headers: { "Accept-Language": "en" } });
    expect(en.status).toBe(429);
    expect(en.body).toContain(translate("en", "error.rateLimited.export"));
    expect((await send(app.server, "/employment/enterprises.csv", { cookie: b })).status).toBe(200);
  });

  it("every signed-in export route (*.csv, *.json, /export) takes from the export bucket; only the open-data files are exempt", async () => {
    // The anonymous open data (memoised aggregates behind the public cache, decision 0050).
    const OPEN_DATA = ["/employment.csv", "/employment.json", "/micro-businesses/summary.csv", "/micro-businesses/summary.json"];
    const full = (id: string | undefined): string => {
      const r = id ? app.build.routes[id] : undefined;
      if (!r) return "";
      const parent = full(r.parentId);
      return r.path ? `${parent}/${r.path}`.replace(/\/+/g, "/") : parent;
    };
    const exports = Object.keys(app.build.routes).map(full).filter((p) => /\.(csv|json)$|\/export$/.test(p)).sort();
    expect(exports).toContain("/agenda/board.csv");
    expect(OPEN_DATA.filter((p) => !exports.includes(p))).toEqual([]); // the exemptions still exist
    const user = await createUser({ role: "staff" });
    const cookie = await sessionCookieFor(user.id);
    const db = await getDb();
    const answers: Record<string, number> = {};
    for (const p of exports.filter((x) => !OPEN_DATA.includes(x))) {
      // Empty the user's bucket, then ask: the route must refuse before doing the work.
      while ((await takeToken(db, "heavy-export", `user:${user.id}`, heavyLimit("export"))).granted);
      answers[p] = (await send(app.server, p.replace(/:\w+/g, "1"), { cookie, timeoutMs: 60_000 })).status;
    }
    expect(Object.entries(answers).filter(([, s]) => s !== 429), "export routes that do not take an export token").toEqual([]);
  });

  it("text searches have their own limit: the page says so with Retry-After; browsing without a search is not counted", async () => {
    const [searcher, other] = await Promise.all([createUser({ role: "staff" }), createUser({ role: "staff" })]);
    const a = await sessionCookieFor(searcher.id);
    const cap = heavyLimit("search").capacity;
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: cap + 10 }, (_, i) => send(app.server, `/employment/enterprises?q=${encodeURIComponent(`کارگاه ${i}`)}`, { cookie: a, headers: { "Accept-Language": "fa" }, timeoutMs: 120_000 })),
    );
    const refused = answers.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(cap + 10 - most("search", Date.now() - started));
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    expect(Number(refused[0].headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(refused[0].body).toContain(translate("fa", "error.rateLimited.search"));
    expect((await send(app.server, "/employment/enterprises", { cookie: a })).status).toBe(200); // no q: a page, not a search
    expect((await send(app.server, `/employment/enterprises?q=x`, { cookie: await sessionCookieFor(other.id) })).status).toBe(200);
  });
});
