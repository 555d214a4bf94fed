// Rate-limit buckets are an unlogged table (decision 0061): no WAL and no flush wait on the commit of
// every login, search and export. Taking stays one atomic statement (tests/security/login-burst.test.ts).
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { perWindow, takeToken } from "~/lib/rate-limit.server";

describe("the rate_limits table", () => {
  it("is unlogged and still grants exactly its capacity", async () => {
    const db = await getDb();
    const row = await sql<{ relpersistence: string }>`select relpersistence from pg_class where relname = 'rate_limits' and relkind = 'r'`.execute(db);
    expect(row.rows[0]?.relpersistence).toBe("u");
    const limit = perWindow(3, 60_000);
    const takes = await Promise.all(Array.from({ length: 8 }, () => takeToken(db, "test-unlogged", "k", limit)));
    expect(takes.filter((t) => t.granted)).toHaveLength(3);
  });
});
