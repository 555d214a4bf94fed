// Bad input into the public forms over HTTP: the sign-up honeypot, and fast-check fuzzing of the
// sign-up and login forms (Persian/Arabic/Latin digits, zero-width and control characters, huge
// strings). Never a 500, never a partial row, never a redirect off the site.
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/lib/db.server";
import { createUser } from "../factories";
import { loadBuild, send, startServer, type TestServer } from "./http-helpers";

// Every request goes through the real HTTP stack and, without DATABASE_URL, an embedded PGlite on a shared
// machine: the first request of a file alone can take half a minute.
vi.setConfig({ testTimeout: 180_000 });

let server: TestServer;

beforeAll(async () => {
  server = await startServer(await loadBuild());
});
afterAll(async () => {
  await server?.close();
});

async function counts() {
  const db = await getDb();
  const one = async (table: "users" | "sessions" | "role_assignments") =>
    (await db.selectFrom(table).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n;
  const orphans = await db
    .selectFrom("users as u")
    .select(sql<number>`count(*)::int`.as("n"))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom("role_assignments as ra").select("ra.id").whereRef("ra.user_id", "=", "u.id"))))
    .executeTakeFirstOrThrow();
  return { users: await one("users"), sessions: await one("sessions"), roles: await one("role_assignments"), orphanUsers: orphans.n };
}

const clearLimits = async () => (await getDb()).deleteFrom("rate_limits").execute();

describe("sign-up honeypot", () => {
  it("a filled `website` field is refused and nothing is written", async () => {
    const before = await counts();
    const r = await send(server, "/signup", {
      method: "POST",
      form: { fullName: "ربات", email: "bot@test.local", password: "long-enough-1", passwordConfirm: "long-enough-1", website: "http://spam.example" },
    });
    expect(r.status).toBe(400);
    expect(r.setCookies.some((c) => c.startsWith("sid="))).toBe(false);
    expect(await counts()).toEqual(before);
    const db = await getDb();
    expect(await db.selectFrom("users").select("id").where("email", "=", "bot@test.local").execute()).toEqual([]);
    // The same form without the honeypot goes through.
    const ok = await send(server, "/signup", {
      method: "POST",
      form: { fullName: "آدم", email: "human@test.local", password: "long-enough-1", passwordConfirm: "long-enough-1", website: "" },
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe("/home");
  });
});

describe("sign-up rate limit", () => {
  it("refuses the 11th sign-up from one IP within 15 minutes (429) and writes nothing; other addresses go on", async () => {
    await clearLimits();
    const from = "127.0.5.1";
    const form = (i: number) => ({ fullName: `کاربر ${i}`, email: `limit-${i}@test.local`, password: "long-enough-1", passwordConfirm: "long-enough-1" });
    for (let i = 0; i < 10; i++) {
      expect((await send(server, "/signup", { method: "POST", form: form(i), from })).status, `sign-up ${i + 1}`).toBe(302);
    }
    const before = await counts();
    const r = await send(server, "/signup", { method: "POST", form: form(10), from });
    expect(r.status).toBe(429);
    expect(await counts()).toEqual(before);
    expect((await send(server, "/signup", { method: "POST", form: form(10), from: "127.0.5.2" })).status).toBe(302);
  });
});

// ---- fuzzing ----

const CHARS = [
  ..."۰۱۲۳۴۵۶۷۸۹", ..."٠١٢٣٤٥٦٧٨٩", ..."0123456789", ..."abcXYZ", ..."سلامیکيك",
  "@", ".", "+", "-", "_", " ", "%", "&", "=", "'", '"', "<", ">", "/", "\\", "?", "#",
  "\u200c", "\u200b", "\u200d", "\u200f", "\u202e", "\ufeff", "\u00a0", "\t", "\n", "\r",
  "\u0000", "\u0001", "\u001b", "\u007f", "\u0085", "😀", "\u{10FFFF}",
];
const junk = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 40 });
const huge = fc.tuple(fc.constantFrom("۱", "a", "ي", "\u200c", "\u0000", "x@"), fc.integer({ min: 10_000, max: 200_000 })).map(([c, n]) => c.repeat(n));
const text = fc.oneof({ weight: 6, arbitrary: junk }, { weight: 1, arbitrary: huge });
const email = fc.oneof(
  text,
  fc.tuple(junk, fc.constantFrom("@test.local", "@example.ir", "@")).map(([a, b]) => a + b),
  fc.tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.constantFrom("@test.local", "@Example.IR")).map(([a, b]) => `fz-${a}${b}`),
);
const mobile = fc.oneof(text, fc.constantFrom("09121234567", "۰۹۱۲۱۲۳۴۵۶۷", "+989121234567", "٠٩١٢١٢٣٤٥٦٧", "0912 123 4567"));
const password = fc.oneof(text, fc.constant("long-enough-1"), fc.constant("۱۲۳۴۵۶۷۸۹"));

describe("form fuzzing", () => {
  it("sign-up: 200 random forms, no 500, no partial rows", { timeout: 600_000 }, async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ fullName: text, email, mobile, password, confirm: fc.oneof(fc.constant(null), text), website: fc.oneof({ weight: 9, arbitrary: fc.constant("") }, { weight: 1, arbitrary: junk }) }),
        async (f) => {
          await clearLimits();
          const before = await counts();
          const form = { fullName: f.fullName, email: f.email, mobile: f.mobile, password: f.password, passwordConfirm: f.confirm ?? f.password, website: f.website };
          const r = await send(server, "/signup", { method: "POST", form });
          expect(r.status, `status for ${JSON.stringify(form).slice(0, 300)}`).not.toBeGreaterThanOrEqual(500);
          expect([302, 400, 413]).toContain(r.status);
          const after = await counts();
          expect(after.orphanUsers).toBe(0);
          if (r.status === 302) {
            created++;
            expect(r.headers.location).toBe("/home");
            expect(after.users).toBe(before.users + 1);
            expect(after.roles).toBe(before.roles + 1);
            expect(after.sessions).toBe(before.sessions + 1);
          } else {
            expect(after).toEqual(before);
            expect(r.setCookies.some((c) => c.startsWith("sid="))).toBe(false);
          }
        },
      ),
      { numRuns: 200, seed: Number(process.env.FUZZ_SEED) || undefined },
    );
    // The generator is not all noise: some sign-ups must have gone through.
    expect(created).toBeGreaterThan(0);
  });

  it("login: 200 random forms, no 500, no session unless the credentials are right, never a redirect off the site", { timeout: 600_000 }, async () => {
    const real = await createUser({ email: "fuzz-real@test.local" });
    const next = fc.oneof(junk, fc.constantFrom("/home", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "https://evil.example", "/خانه?ق=۱", "/%0a/evil.example", " /home"));
    await fc.assert(
      fc.asyncProperty(
        fc.record({ email: fc.oneof(email, fc.constant(real.email), fc.constant(" FUZZ-REAL@test.local ")), password: fc.oneof(password, fc.constant(real.password)), next }),
        async (f) => {
          await clearLimits();
          const before = await counts();
          const reply = await send(server, "/login", { method: "POST", form: { email: f.email, password: f.password, next: f.next } });
          expect(reply.status, `status for ${JSON.stringify(f).slice(0, 300)}`).not.toBeGreaterThanOrEqual(500);
          expect([302, 400, 401, 413]).toContain(reply.status);
          const after = await counts();
          if (reply.status === 302) {
            const location = String(reply.headers.location);
            const target = new URL(location, server.origin);
            expect(target.origin, `redirect for next=${JSON.stringify(f.next)}: ${location}`).toBe(server.origin);
            expect(location).toMatch(/^\/(?![/\\])/);
            // eslint-disable-next-line no-control-regex
            expect(location).not.toMatch(/[\u0000-\u001f\u007f]/);
          } else {
            expect(after.sessions).toBe(before.sessions);
          }
        },
      ),
      { numRuns: 200, seed: Number(process.env.FUZZ_SEED) || undefined },
    );
  });
});
