// Several instances, one PostgreSQL (issue 18 items 4 and 5): two production app processes start
// together on an empty database and make one copy of everything (migrations, seeds and pg-boss's
// schema under an advisory lock); a change made through one is seen on the other's cached page on
// the next request (LISTEN/NOTIFY after commit); a session from one works on the other; the login
// rate limit is shared; a scheduled job runs once per slot across both; /healthz and /readyz answer;
// the JSON request log carries request id, user id, route, status and duration and never a password,
// a link token, a national ID or a mobile number; SIGTERM lets the request in flight finish and exits 0.
// Real PostgreSQL only: the embedded database (PGlite) is one process by design.
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it, vi } from "vitest";
import { connect } from "../../db/connect";
import { seedDemo } from "../../db/seeds/demo";
import { migrations } from "../../db/migrations/index";
import { startSmtpSink } from "../support/smtp-sink";
import { formHeaders as form, onStop, root, scratchDatabase, signIn, spawnApp as spawnProcess, stopAll, type App } from "../support/app-process";

vi.setConfig({ testTimeout: 600_000, hookTimeout: 120_000 });

afterAll(stopAll);

/** An instance as production runs it: jobs on (app-process's default is off), request logs, short job intervals. */
const spawnApp = (env: Record<string, string | undefined>) =>
  spawnProcess({ JOBS: undefined, LOG_LEVEL: "info", JOBS_CRON_MONITOR_SECONDS: "2", JOBS_POLL_SECONDS: "1", ...env });

const page = (app: App, p: string, cookie = "") => fetch(`${app.origin}${p}`, { headers: { Cookie: cookie }, redirect: "manual" });

describe.runIf(process.env.DATABASE_URL)("two app instances on one PostgreSQL", () => {
  it("share one database, caches, sessions, limits and schedules; log safely; stop gracefully", async () => {
    const url = await scratchDatabase("portal_two");
    const sink = await startSmtpSink();
    onStop(() => sink.close());

    // Both start at once on the empty database.
    const a = await spawnApp({ DATABASE_URL: url, SMTP_URL: sink.url });
    const b = await spawnApp({ DATABASE_URL: url, SMTP_URL: sink.url });
    await Promise.all([a.ready, b.ready]);
    const db = (await connect({ databaseUrl: url, max: 2 })).db;
    onStop(() => db.destroy());
    const ran = await db.selectFrom("kysely_migration" as never).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    expect((ran as { n: number }).n).toBe(Object.keys(migrations).length);
    const dupes = await sql<{ n: number }>`select count(*)::int as n from (select code from counties group by code having count(*) > 1) d`.execute(db);
    expect(dupes.rows[0].n).toBe(0);
    const queues = await sql<{ n: number }>`select count(*)::int as n from pgboss.version`.execute(db);
    expect(queues.rows[0].n).toBe(1);
    await seedDemo(db);

    // Health and readiness: cheap, unauthenticated, no details.
    for (const app of [a, b]) {
      const h = await page(app, "/healthz");
      expect([h.status, await h.text()]).toEqual([200, "ok"]);
      const r = await page(app, "/readyz");
      expect([r.status, await r.text()]).toEqual([200, "ready"]);
    }

    // A session made on A works on B.
    const staffOnA = await signIn(a, "staff@demo.karafarini.ir");
    const onB = await page(b, "/home", staffOnA);
    expect(onB.status).toBe(200);

    // B caches the sectors (a 5-minute read model); an admin adds one through A; B's next page shows it.
    expect((await (await page(b, "/staff/ideas", staffOnA)).text())).not.toContain("بخش آزمون گذرگاه");
    const adminOnA = await signIn(a, "admin@demo.karafarini.ir");
    const added = await fetch(`${a.origin}/admin/reference/sectors`, {
      method: "POST", redirect: "manual", headers: form(a.origin, adminOnA),
      body: new URLSearchParams({ intent: "add", code: "bus-test", nameFa: "بخش آزمون گذرگاه", nameEn: "Bus test sector" }),
    });
    expect(added.status).toBeLessThan(400);
    await new Promise((r) => setTimeout(r, 200)); // the NOTIFY travels after the commit
    expect(await (await page(b, "/staff/ideas", staffOnA)).text()).toContain("بخش آزمون گذرگاه");

    // The login limit is shared: ten failures spread over both, the eleventh is refused on either.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const app = i % 2 ? b : a;
      const res = await fetch(`${app.origin}/login`, { method: "POST", redirect: "manual", headers: form(app.origin), body: new URLSearchParams({ email: `nobody${i}@example.com`, password: "wrong-password" }) });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);

    // Password reset through A's mail, finished on B: the log must not show the token, the passwords,
    // the national ID or the mobile number.
    const secretPassword = "Sekret-Pass-9931";
    const mobile = "09123456789";
    const nationalId = "0012345679";
    const signup = await fetch(`${a.origin}/signup`, {
      method: "POST", redirect: "manual", headers: form(a.origin),
      body: new URLSearchParams({ fullName: "آزمون گزارش", email: "log-check@example.com", mobile, password: secretPassword, passwordConfirm: secretPassword }),
    });
    // With mail configured, sign-up answers "check your mail" (200) whether the address is new or taken
    // (decision 0035); the pending account can still ask for a password reset.
    expect(signup.status).toBe(200);
    await fetch(`${b.origin}/password/forgot`, { method: "POST", redirect: "manual", headers: form(b.origin), body: new URLSearchParams({ email: "log-check@example.com" }) });
    const deadline = Date.now() + 30_000;
    let reset: string | undefined;
    while (!reset && Date.now() < deadline) {
      const m = sink.received.find((x) => (x.text ?? "").includes("/password/reset/"));
      reset = m ? /\/password\/reset\/([A-Za-z0-9_-]+)/.exec(m.text ?? "")?.[1] : undefined;
      if (!reset) await new Promise((r) => setTimeout(r, 200));
    }
    expect(reset, "the reset mail arrived").toBeTruthy();
    const newPassword = "Another-Pass-7720";
    expect((await page(a, `/password/reset/${reset}`)).status).toBe(200);
    const done = await fetch(`${a.origin}/password/reset/${reset}`, { method: "POST", redirect: "manual", headers: form(a.origin), body: new URLSearchParams({ password: newPassword, passwordConfirm: newPassword }) });
    expect(done.status).toBe(302);
    await page(a, `/staff/ideas?q=${nationalId}`, staffOnA);
    await page(b, `/staff/ideas?q=${mobile}`, staffOnA);
    await page(b, `/cases/${nationalId}`, staffOnA);

    // A scheduled job (email.send, every minute) runs once per slot across both instances.
    const slotDeadline = Date.now() + 150_000;
    let perMinute: { minute: string; n: number }[] = [];
    while (Date.now() < slotDeadline) {
      perMinute = (await sql<{ minute: string; n: number }>`
        select date_trunc('minute', created_on)::text as minute, count(*)::int as n from pgboss.job
        where name = '__pgboss__send-it' and singleton_key = 'email.send' group by 1 order by 1`.execute(db)).rows;
      if (perMinute.length >= 1) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(perMinute.length, "a cron slot passed").toBeGreaterThanOrEqual(1);
    expect(perMinute.every((m) => m.n === 1), JSON.stringify(perMinute)).toBe(true);

    // SIGTERM on B while a request is in flight: the request completes, the process exits 0.
    const inflight = page(b, "/staff/ideas", staffOnA);
    await new Promise((r) => setTimeout(r, 5));
    b.child.kill("SIGTERM");
    const [res, code] = await Promise.all([inflight, new Promise<number | null>((r) => b.child.once("exit", (c) => r(c)))]);
    expect(res.status).toBe(200);
    expect(code).toBe(0);
    a.child.kill("SIGTERM");
    expect(await new Promise<number | null>((r) => a.child.once("exit", (c) => r(c)))).toBe(0);

    // The logs: JSON lines with the fields, and none of the secrets.
    const logs = a.log() + b.log();
    fs.writeFileSync(path.join(root, "test-results-instances.log"), logs);
    const lines = logs.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === "request");
    expect(requests.length).toBeGreaterThan(20);
    const home = requests.find((l) => l.path === "/home" && l.status === 200);
    expect(home).toMatchObject({ route: "routes/home", method: "GET" });
    expect(typeof home!.userId).toBe("number");
    expect(typeof home!.reqId).toBe("string");
    expect(typeof home!.ms).toBe("number");
    expect(requests.some((l) => l.path === "/password/reset/:token")).toBe(true);
    for (const secret of [secretPassword, newPassword, "demo-pass-1401", reset!, mobile, nationalId, "sid="]) {
      expect(logs.includes(secret), `the log shows ${secret.slice(0, 6)}…`).toBe(false);
    }
    fs.rmSync(path.join(root, "test-results-instances.log"), { force: true });
  });
});
