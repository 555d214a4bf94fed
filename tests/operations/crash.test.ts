// Crash safety (issue 18 item 7): the built app (server.mjs, production mode) takes a burst of writes
// from parallel clients and is killed with SIGKILL in the middle. Started again on the same database it
// must come up, and every write a client was told succeeded (a redirect to the new record) must be there,
// complete (the record and its audit row, written in one transaction), with nothing half-written (no
// record without its audit row, no audit row without its record). Real PostgreSQL when DATABASE_URL is
// set (CI), and the embedded database (PGlite in a data folder) always. On PostgreSQL four bursts: new
// enterprises, employment reports, idea submissions and steps on a case.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it, vi } from "vitest";
import { connect, type Connection } from "../../db/connect";
import { migrateToLatest } from "../../db/migrate";
import { seedReference } from "../../db/seeds/reference";
import { seedDemo } from "../../db/seeds/demo";
import { formHeaders, scratchDatabase, signIn, startApp, stopAll, type App } from "../support/app-process";

vi.setConfig({ testTimeout: 600_000, hookTimeout: 120_000 });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-crash-"));
afterAll(async () => {
  await stopAll();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const post = (app: App, cookie: string, p: string, body: Record<string, string>) =>
  fetch(`${app.origin}${p}`, { method: "POST", redirect: "manual", headers: formHeaders(app.origin, cookie), body: new URLSearchParams(body) });

const enterprise = (reg: string) => ({ name: `کارگاه آزمون ${reg}`, registrationNo: reg, kind: "company", county: "tabriz", sector: "C", sizeClass: "small", baselineHeadcount: "3" });

/** One write of a burst: resolves to the acknowledged record's key and id, or throws/returns null. */
type Write = (app: App, cookie: string, key: string) => Promise<number | null>;

/** An enterprise (the redirect names its id). */
const createEnterprise: Write = async (app, cookie, reg) => {
  const res = await post(app, cookie, "/employment/enterprises/new", enterprise(reg));
  const id = /\/employment\/enterprises\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1];
  return res.status >= 300 && res.status < 400 && id ? Number(id) : null;
};

/** An employment report on a new enterprise: the report's numbers carry the write's number. */
const createReport: Write = async (app, cookie, reg) => {
  const id = await createEnterprise(app, cookie, reg);
  if (id === null) return null;
  const n = Number(/x(\d+)$/.exec(reg)![1]) + 1;
  const res = await post(app, cookie, `/employment/enterprises/${id}/report`, {
    asOf: "1401/05/12", programme: "cases", fteBaseline: "3", fteNow: String(3 + n), createdFullTime: String(n), createdPartTime: "0",
    createdTempMonths: "0", retainedFullTime: "0", retainedPartTime: "0", retainedTempMonths: "0", volunteers: "0", women: "0",
  });
  return res.status >= 300 && res.status < 400 && (res.headers.get("location") ?? "").endsWith(`/employment/enterprises/${id}`) ? id : null;
};

/** An idea submitted (not saved as a draft) to an open call: the redirect names the idea; its title carries the key. */
const submitIdea = (callId: number): Write => async (app, cookie, key) => {
  const res = await post(app, cookie, "/ideas/new", {
    intent: "submit", callId: String(callId), title: `ایده آزمون ${key}`, summary: "خلاصه", problem: "مسئله", solution: "راه‌حل",
    market: "بازار", sectorCode: "C", countyCode: "tabriz", stage: "idea", expectedJobs: "3", fundingRials: "1000000", team: "تیم",
    originKind: "own", idempotencyKey: key,
  });
  const id = /\/ideas\/(\d+)$/.exec(res.headers.get("location") ?? "")?.[1];
  return res.status >= 300 && res.status < 400 && id ? Number(id) : null;
};

/** A step on a case (a milestone added by its staff): acknowledged by the redirect back to the case. */
const addCaseStep = (caseId: number): Write => async (app, cookie, key) => {
  const res = await post(app, cookie, `/cases/${caseId}`, { intent: "milestone", title: `گام آزمون ${key}`, dueOn: "1405/12/20", owner: "centre" });
  return res.status >= 300 && res.status < 400 && new URL(res.headers.get("location") ?? "/", app.origin).pathname === `/cases/${caseId}` ? caseId : null;
};

/**
 * Clients write in parallel until the server dies; returns the acknowledged writes (key -> id). The
 * server is SIGKILLed after `killAfterMs`.
 */
async function burst(app: App, cookie: string, tag: string, killAfterMs: number, write: Write = createEnterprise) {
  const acknowledged = new Map<string, number>();
  let attempted = 0;
  let dead = false;
  const killer = setTimeout(() => {
    dead = true;
    app.child.kill("SIGKILL");
  }, killAfterMs);
  const client = async (c: number) => {
    for (let i = 0; !dead; i++) {
      const key = `${tag}${c}x${i}`;
      attempted++;
      try {
        const id = await write(app, cookie, key);
        if (id !== null) acknowledged.set(key, id);
        else if (!dead) throw new Error(`unexpected answer for ${key}`);
      } catch (e) {
        if (!dead) throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, c) => client(c)));
  clearTimeout(killer);
  console.log(`crash burst ${tag}: ${attempted} writes attempted, ${acknowledged.size} acknowledged before SIGKILL`);
  await app.exited();
  return { acknowledged, attempted };
}

/** Every acknowledged report is there with its numbers and its audit row; no report lacks its audit row, no audit row its report. */
async function checkReports(conn: Connection, tag: string, acknowledged: Map<string, number>) {
  for (const [key, enterpriseId] of acknowledged) {
    const n = Number(/x(\d+)$/.exec(key)![1]) + 1;
    const r = await conn.db.selectFrom("employment_reports").select(["id", "jobs_created"]).where("enterprise_id", "=", enterpriseId).execute();
    expect(r, `acknowledged report ${key} (enterprise #${enterpriseId})`).toHaveLength(1);
    expect(Number(r[0].jobs_created)).toBe(n);
  }
  const unaudited = await sql<{ n: number }>`
    select count(*)::int as n from employment_reports r join enterprises e on e.id = r.enterprise_id
      where e.registration_no like ${`${tag}%`} and not exists (select 1 from audit_log a where a.action = 'employment_report.create' and a.entity_id = r.id::text)`.execute(conn.db);
  expect(unaudited.rows[0].n).toBe(0);
  const orphans = await sql<{ n: number }>`
    select count(*)::int as n from audit_log a where a.action = 'employment_report.create'
      and not exists (select 1 from employment_reports r where r.id::text = a.entity_id)`.execute(conn.db);
  expect(orphans.rows[0].n).toBe(0);
}

/** Every acknowledged idea is there, submitted, with its history and audit rows; no burst idea is a half-written draft. */
async function checkIdeas(conn: Connection, tag: string, acknowledged: Map<string, number>) {
  const rows = await conn.db.selectFrom("ideas").select(["id", "title", "status"]).where("title", "like", `ایده آزمون ${tag}%`).execute();
  const byTitle = new Map(rows.map((r) => [r.title, r]));
  for (const [key, id] of acknowledged) {
    const row = byTitle.get(`ایده آزمون ${key}`);
    expect(row, `acknowledged idea ${key} (#${id}) is missing`).toBeDefined();
    expect(row!.id).toBe(id);
  }
  // Created and submitted in one transaction: every stored burst idea is submitted, with both audit rows and its history.
  for (const r of rows) expect(r.status, `idea #${r.id}`).toBe("submitted");
  const ids = rows.map((r) => r.id);
  if (!ids.length) return;
  const audits = await conn.db.selectFrom("audit_log").select(["entity_id", "action"]).where("entity", "=", "idea").where("entity_id", "in", ids.map(String)).execute();
  for (const id of ids) expect(audits.filter((a) => a.entity_id === String(id) && a.action === "idea.created"), `audit of idea #${id}`).toHaveLength(1);
  const history = await conn.db.selectFrom("idea_status_history").select(["idea_id", "to_status"]).where("idea_id", "in", ids).execute();
  for (const id of ids) expect(history.filter((h) => h.idea_id === id).map((h) => h.to_status).sort(), `history of idea #${id}`).toEqual(["draft", "submitted"]);
}

/** Every acknowledged case step is there once with its audit row; no stored step lacks its audit row. */
async function checkCaseSteps(conn: Connection, tag: string, acknowledged: Map<string, number>) {
  const rows = await conn.db.selectFrom("case_milestones").select(["id", "title"]).where("title", "like", `گام آزمون ${tag}%`).execute();
  const titles = rows.map((r) => r.title);
  for (const key of acknowledged.keys()) expect(titles.filter((t) => t === `گام آزمون ${key}`), `acknowledged step ${key}`).toHaveLength(1);
  if (!rows.length) return;
  const audited = await conn.db.selectFrom("audit_log").select("entity_id").where("action", "=", "case.milestone.added").where("entity_id", "in", rows.map((r) => String(r.id))).execute();
  expect(new Set(audited.map((a) => a.entity_id))).toEqual(new Set(rows.map((r) => String(r.id))));
}

/** Every acknowledged enterprise is there with its name; every burst enterprise has its audit row and vice versa. */
async function check(conn: Connection, tag: string, acknowledged: Map<string, number>) {
  const rows = await conn.db.selectFrom("enterprises").select(["id", "name", "registration_no"]).where("registration_no", "like", `${tag}%`).execute();
  const byReg = new Map(rows.map((r) => [r.registration_no, r]));
  for (const [reg, id] of acknowledged) {
    const row = byReg.get(reg);
    expect(row, `acknowledged enterprise ${reg} (#${id}) is missing`).toBeDefined();
    expect(row!.id).toBe(id);
    expect(row!.name).toBe(`کارگاه آزمون ${reg}`);
  }
  const ids = rows.map((r) => String(r.id));
  const audited = ids.length
    ? await conn.db.selectFrom("audit_log").select("entity_id").where("action", "=", "enterprise.create").where("entity_id", "in", ids).execute()
    : [];
  expect(new Set(audited.map((a) => a.entity_id))).toEqual(new Set(ids));
  const orphans = await sql<{ n: number }>`
    select count(*)::int as n from audit_log a where a.action = 'enterprise.create'
      and a.details->>'name' like ${`کارگاه آزمون ${tag}%`}
      and not exists (select 1 from enterprises e where e.id::text = a.entity_id)`.execute(conn.db);
  expect(orphans.rows[0].n).toBe(0);
  return rows.length;
}

describe("SIGKILL in the middle of a burst of writes", () => {
  it("the embedded database starts again and keeps every acknowledged write", async () => {
    const dataDir = path.join(tmp, "embedded");
    const env = { DATABASE_URL: undefined, DATA_DIR: dataDir, EVALUATION: "true" };
    const app = await startApp(env);
    const cookie = await signIn(app, "staff@demo.karafarini.ir");
    const tag = `k${crypto.randomBytes(2).toString("hex")}`;
    const { acknowledged, attempted } = await burst(app, cookie, tag, 4000);
    expect(acknowledged.size, app.log()).toBeGreaterThan(3);

    // Started again on the same folder after the kill: it comes up and serves.
    const again = await startApp(env);
    again.child.kill("SIGTERM");
    await again.exited();
    const conn = await connect({ dataDir });
    try {
      const stored = await check(conn, tag, acknowledged);
      expect(stored).toBeGreaterThanOrEqual(acknowledged.size);
      expect(stored).toBeLessThanOrEqual(attempted);
    } finally {
      await conn.close();
    }
  });

  it.runIf(process.env.DATABASE_URL)("PostgreSQL keeps every acknowledged write and nothing half-written", async () => {
    const url = await scratchDatabase("portal_crash");
    const seed = await connect({ databaseUrl: url, max: 2 });
    await migrateToLatest(seed.db);
    await seedReference(seed.db);
    await seedDemo(seed.db);
    await seed.close();

    const app = await startApp({ DATABASE_URL: url });
    const cookie = await signIn(app, "staff@demo.karafarini.ir");
    const tag = `p${crypto.randomBytes(2).toString("hex")}`;
    const { acknowledged, attempted } = await burst(app, cookie, tag, 3000);
    expect(acknowledged.size, app.log()).toBeGreaterThan(3);
    // Employment reports (each on a new enterprise), killed in the middle as well.
    const again = await startApp({ DATABASE_URL: url });
    const cookie2 = await signIn(again, "staff@demo.karafarini.ir");
    const rtag = `r${crypto.randomBytes(2).toString("hex")}`;
    const reports = await burst(again, cookie2, rtag, 3000, createReport);
    expect(reports.acknowledged.size, again.log()).toBeGreaterThan(3);

    // Idea submissions by the demo entrepreneur, then steps on one open case by staff, each killed in the middle.
    const pick = await connect({ databaseUrl: url, max: 2 });
    const call = await sql<{ id: number }>`select id from calls where status = 'open' and standing order by id limit 1`.execute(pick.db);
    const openCase = await pick.db.selectFrom("cases").select("id").where("status", "not in", ["graduated", "closed_unresolved", "withdrawn"]).orderBy("id").executeTakeFirstOrThrow();
    await pick.close();
    expect(call.rows).toHaveLength(1);
    const third = await startApp({ DATABASE_URL: url });
    const itag = `i${crypto.randomBytes(2).toString("hex")}`;
    const ideas = await burst(third, await signIn(third, "entrepreneur@demo.karafarini.ir"), itag, 3000, submitIdea(call.rows[0].id));
    expect(ideas.acknowledged.size, third.log()).toBeGreaterThan(3);
    const fourth = await startApp({ DATABASE_URL: url });
    const stag = `s${crypto.randomBytes(2).toString("hex")}`;
    const steps = await burst(fourth, await signIn(fourth, "staff@demo.karafarini.ir"), stag, 3000, addCaseStep(openCase.id));
    expect(steps.acknowledged.size, fourth.log()).toBeGreaterThan(3);

    const last = await startApp({ DATABASE_URL: url });
    last.child.kill("SIGTERM");
    await last.exited();
    const conn = await connect({ databaseUrl: url, max: 2 });
    try {
      const stored = await check(conn, tag, acknowledged);
      expect(stored).toBeLessThanOrEqual(attempted);
      await checkReports(conn, rtag, reports.acknowledged);
      await checkIdeas(conn, itag, ideas.acknowledged);
      await checkCaseSteps(conn, stag, steps.acknowledged);
    } finally {
      await conn.close();
    }
  });
});
