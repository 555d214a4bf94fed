// The session statement runs as a named prepared statement on PostgreSQL (decision 0059): each
// connection parses it once, and the answer is the same as a freshly planned statement's.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { connection } from "~/lib/db.server";
import { createSession, loadSessionUser, sessionCookie } from "~/modules/accounts/session.server";
import { createUser } from "../factories";

describe("the session statement", () => {
  it("is prepared once per PostgreSQL connection and reads the live session every time", async () => {
    const conn = await connection();
    const user = await createUser({ role: "entrepreneur" });
    const cookie = await createSession(conn.db, user.id, "test");
    const sessionId = (await sessionCookie().parse(cookie.split(";")[0])) as string;
    await conn.db.connection().execute(async (one) => {
      for (let i = 0; i < 8; i++) expect((await loadSessionUser(one, sessionId))?.user.id).toBe(user.id);
      // A change shows on the next read: the plan is kept, never the answer.
      await one.updateTable("users").set({ disabled_at: sql`now()` }).where("id", "=", user.id).execute();
      expect(await loadSessionUser(one, sessionId)).toBeNull();
      await one.updateTable("users").set({ disabled_at: null }).where("id", "=", user.id).execute();
      expect((await loadSessionUser(one, sessionId))?.user.id).toBe(user.id);
      if (conn.kind !== "postgres") return; // the embedded database runs it unnamed, as before
      const prepared = await sql<{ name: string; calls: number }>`select name, generic_plans + custom_plans as calls from pg_prepared_statements where name = 'session'`.execute(one);
      expect(prepared.rows).toHaveLength(1);
      expect(Number(prepared.rows[0].calls)).toBe(10);
    });
  });
});
