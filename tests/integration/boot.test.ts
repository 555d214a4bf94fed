// Boot (issue 10, item 15): two app processes starting at the same moment on one database must not
// seed the standing call or the job-target revisions twice.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { seedJobTargets, seedReference, seedStandingCall } from "../../db/seeds/reference";
import jobTargets from "../../db/seeds/reference/job-targets.json";

describe("seeding at boot", () => {
  it("two starts at once leave one standing call and one set of target revisions", async () => {
    const db = await getDb();
    // A fresh database as the first two starts see it: nothing seeded yet.
    await db.deleteFrom("call_criteria").execute();
    await db.deleteFrom("calls").execute();
    await db.deleteFrom("job_target_revisions").execute();
    for (let round = 0; round < 3; round++) {
      // Boot's seeding steps from several processes at the same moment (each process has its own connections).
      await Promise.all([seedReference(db), ...Array.from({ length: 8 }, () => seedStandingCall(db)), ...Array.from({ length: 8 }, () => seedJobTargets(db))]);
      const standing = await db.selectFrom("calls").select(sql<number>`count(*)::int`.as("n")).where("standing", "=", true).executeTakeFirstOrThrow();
      expect(standing.n, `round ${round}`).toBe(1);
      const criteria = await db.selectFrom("call_criteria").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
      expect(criteria.n).toBe(5);
      for (const y of jobTargets.years) {
        const revisions = await db.selectFrom("job_target_revisions").select(sql<number>`count(*)::int`.as("n")).where("jalali_year", "=", y.jalaliYear).executeTakeFirstOrThrow();
        expect(revisions.n, `revisions of ${y.jalaliYear}`).toBe(y.revisions.length);
      }
    }
  });
});
