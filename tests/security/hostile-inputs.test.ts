// Client input that used to answer 500 (issue 10 item 5), through the real HTTP stack: a year far out of
// range on the chair activity form, a NUL byte in the enterprise list's filter and its CSV, and fifty
// simultaneous creations of one enterprise by registration number. Each must be a clear answer: a field
// message (400), the filtered page, or "it exists" for all but the one creation that wins.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { chairSchema } from "~/modules/chairs/schema";
import { createChair } from "~/modules/chairs/service.server";
import { actorFor, createUser } from "../factories";
import { loadBuild, send, sessionCookieFor, startServer, type TestServer } from "./http-helpers";

vi.setConfig({ testTimeout: 180_000 });

let server: TestServer;
beforeAll(async () => {
  server = await startServer(await loadBuild());
});
afterAll(async () => {
  await server?.close();
});

describe("hostile inputs answer 400 or the page, never 500", () => {
  it("year=99999 on the chair activity form is a field message and writes nothing", async () => {
    const manager = await createUser({ role: "chair_manager" });
    const f = new FormData();
    for (const [k, v] of Object.entries({ title: "کرسی آزمون", field: "مهندسی", holderName: "دکتر آزمون", holderRank: "associate_professor", holderEmail: "t@uni.ac.ir", status: "active", establishedOn: "1402/07/01" })) f.set(k, v);
    const p = parseForm(chairSchema, f);
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    const chairId = await createChair(await actorFor(manager.id), p.data);
    const cookie = await sessionCookieFor(manager.id);
    for (const year of ["99999", "-5", "1e9", "۹۹۹۹۹"]) {
      const r = await send(server, `/chairs/${chairId}/activities/new?year=${encodeURIComponent(year)}`, {
        cookie, form: { kind: "workshop", title: "کارگاه", heldOn: "1403/07/15", year, hours: "4", participants: "30", women: "12" },
      });
      expect([year, r.status]).toEqual([year, 400]);
      expect(r.body).toContain("aria-invalid");
    }
    const db = await getDb();
    expect((await db.selectFrom("chair_activities").select(sql<number>`count(*)::int`.as("n")).where("chair_id", "=", chairId).executeTakeFirstOrThrow()).n).toBe(0);
  });

  it("a NUL byte in the enterprise list's filters is no match: the page and its CSV answer 200", async () => {
    const cookie = await sessionCookieFor((await createUser({ role: "staff" })).id);
    for (const q of ["county=%00", "county=a%00b&q=%00", "q=x%00y&after=%00"]) {
      const page = await send(server, `/employment/enterprises?${q}`, { cookie });
      expect([q, page.status]).toEqual([q, 200]);
      const csv = await send(server, `/employment/enterprises.csv?${q}`, { cookie });
      expect([q, csv.status]).toEqual([q, 200]);
      expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    }
  });

  it("50 simultaneous creations of one enterprise: one wins, 49 are told it exists, none is a 500", async () => {
    const cookie = await sessionCookieFor((await createUser({ role: "staff" })).id);
    const regNo = String(40_000_000 + Math.floor(Math.random() * 9_000_000));
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(server, "/employment/enterprises/new", { cookie, timeoutMs: 120_000, form: { name: `شرکت همزمان ${i}`, registrationNo: regNo, nationalId: "", kind: "company", county: "tabriz", sector: "A", agency: "", sizeClass: "small", baselineHeadcount: "5" } }),
      ),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 302), JSON.stringify(statuses)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400), JSON.stringify(statuses)).toHaveLength(49);
    for (const r of replies.filter((x) => x.status === 400)) expect(r.body).toContain("بنگاهی با این شناسه پیش‌تر ثبت شده است.");
    const db = await getDb();
    expect((await db.selectFrom("enterprises").select("id").where("registration_no", "=", regNo).execute()).length).toBe(1);
  });
});
