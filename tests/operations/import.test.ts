// The employment CSV import as a background job (issue 18), through the built app with its job
// runner: a real file of a few hundred rows is uploaded and answered at once with the import's page;
// the job checks the rows (the page shows rows done of total and refreshes itself without JavaScript),
// the per-row errors download as CSV, the confirmed rows are written chunk by chunk, and a SIGKILL in
// the middle of the writing loses nothing: the restarted app resumes the import and every valid row
// is there exactly once.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it, vi } from "vitest";
import { connect } from "../../db/connect";
import { migrateToLatest } from "../../db/migrate";
import { seedReference } from "../../db/seeds/reference";
import { seedDemo } from "../../db/seeds/demo";
import { onStop, scratchDatabase, signIn, spawnApp, startApp, stopAll, type App } from "../support/app-process";

vi.setConfig({ testTimeout: 600_000, hookTimeout: 120_000 });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-import-"));
afterAll(async () => {
  await stopAll();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const VALID = 400;
const BAD = 3;

function writeCsv(tag: string) {
  const lines = ["external_ref,registration_no,enterprise_name,county,sector,as_of,programme,fte_baseline,fte_now,created_full_time"];
  for (let i = 0; i < VALID; i++) {
    lines.push(`${tag}-${i},${tag}r${i},کارگاه ورود ${i},tabriz,C,۱۴۰۱/۰۶/۰۱,cooperatives,1,4,3`);
    // A few bad rows in between: more jobs than headcount, an unknown county, an empty ref.
    if (i === 10) lines.push(`${tag}-bad1,${tag}b1,بد,tabriz,C,1401/06/01,cooperatives,0,1,9`);
    if (i === 200) lines.push(`${tag}-bad2,${tag}b2,بد,nowhere,C,1401/06/01,cooperatives,0,4,1`);
    if (i === 399) lines.push(`,${tag}b3,بد,tabriz,C,1401/06/01,cooperatives,0,4,1`);
  }
  const file = path.join(tmp, `${tag}.csv`);
  fs.writeFileSync(file, "\uFEFF" + lines.join("\n"), "utf-8");
  return file;
}

const html = async (app: App, p: string, cookie: string) => {
  const r = await fetch(`${app.origin}${p}`, { headers: { Cookie: cookie }, redirect: "manual" });
  return { status: r.status, text: await r.text() };
};

async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 240_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.runIf(process.env.DATABASE_URL)("the employment import as a background job", () => {
  it("answers the upload at once, shows progress, offers the errors, and survives a SIGKILL mid-way", async () => {
    const url = await scratchDatabase("portal_import");
    const conn = await connect({ databaseUrl: url, max: 2 });
    onStop(() => conn.close());
    await migrateToLatest(conn.db);
    await seedReference(conn.db);
    await seedDemo(conn.db);
    const env = { DATABASE_URL: url, JOBS: undefined, JOBS_POLL_SECONDS: "1" };
    const app = await startApp(env);
    const cookie = await signIn(app, "staff@demo.karafarini.ir");
    const tag = `imp${crypto.randomBytes(2).toString("hex")}`;
    const file = writeCsv(tag);

    // The upload: stored and answered with the import's page, the rows not yet checked.
    const body = new FormData();
    body.set("file", new Blob([fs.readFileSync(file)], { type: "text/csv" }), path.basename(file));
    const up = await fetch(`${app.origin}/employment/import`, { method: "POST", body, redirect: "manual", headers: { Origin: app.origin, Cookie: cookie } });
    expect(up.status, app.log()).toBe(302);
    const where = up.headers.get("location")!;
    const id = /\/employment\/import\/([0-9a-f-]{36})$/.exec(where)?.[1];
    expect(id).toBeTruthy();
    const row = () => conn.db.selectFrom("employment_imports").selectAll().where("id", "=", id!).executeTakeFirstOrThrow();
    expect((await row()).total_rows).toBe(VALID + BAD);

    // The job checks the rows; the page ends on the preview with the per-row errors.
    const preview = await until("the preview", async () => {
      const p = await html(app, where, cookie);
      expect(p.status).toBe(200);
      if (p.text.includes('data-testid="import-progress"')) {
        expect(p.text).toMatch(/<meta http-equiv="refresh" content="2"/);
        expect(p.text).toContain("<progress");
      }
      return p.text.includes('data-testid="import-summary"') && p.text;
    });
    expect(preview).not.toMatch(/http-equiv="refresh"/);
    expect((await row()).status).toBe("preview");
    const errorsCsv = await fetch(`${app.origin}${where}/errors.csv`, { headers: { Cookie: cookie } });
    expect(errorsCsv.status).toBe(200);
    const bytes = Buffer.from(await errorsCsv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM: spreadsheets then read UTF-8
    const errorLines = bytes.subarray(3).toString("utf-8").trim().split(/\r\n/);
    expect(errorLines[0]).toBe("row,column,error");
    expect(errorLines.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["13,created_full_time", "204,county", `${VALID + BAD + 1},external_ref`]);

    // Confirm the valid rows; SIGKILL once some chunks are written and before the last.
    const confirm = await fetch(`${app.origin}${where}`, {
      method: "POST", redirect: "manual", headers: { Origin: app.origin, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ mode: "valid" }),
    });
    expect(confirm.status).toBe(302);
    const writing = await until("rows written", async () => {
      const r = await row();
      return r.rows_done > 0 && r;
    });
    app.child.kill("SIGKILL");
    await app.exited();
    const atKill = await row();
    expect(atKill.status, "the import ended before the kill: make it larger").toBe("importing");
    expect(atKill.rows_done).toBeLessThan(VALID);
    expect(writing.total_rows).toBe(VALID);
    const written = async () => (await sql<{ n: number }>`select count(*)::int as n from employment_reports where external_ref like ${tag + "-%"}`.execute(conn.db)).rows[0].n;
    // Exactly the committed chunks are there: nothing half-written.
    expect(await written()).toBe(atKill.rows_done);

    // Started again, the app resumes the import where the last commit ended.
    const again = await spawnApp(env);
    await again.ready;
    const page = await html(again, where, await signIn(again, "staff@demo.karafarini.ir"));
    expect(page.status).toBe(200);
    const done = await until("the import to finish after the restart", async () => {
      const r = await row();
      return r.status === "imported" && r;
    });
    expect(done).toMatchObject({ rows_done: VALID, imported_count: VALID, skipped_count: 0 });
    expect(await written()).toBe(VALID);
    const dupes = await sql<{ n: number }>`select count(*)::int as n from (select external_ref from employment_reports where external_ref like ${tag + "-%"} group by 1 having count(*) > 1) d`.execute(conn.db);
    expect(dupes.rows[0].n).toBe(0);
    const finish = await conn.db.selectFrom("audit_log").select("details").where("action", "=", "employment_import.finish").where("entity_id", "=", id!).execute();
    expect(finish).toHaveLength(1);
    const final = await html(again, where, await signIn(again, "staff@demo.karafarini.ir"));
    expect(final.text).toContain('data-testid="import-done"');
    again.child.kill("SIGTERM");
    await again.exited();
  });
});
