import { describe, expect, it } from "vitest";
import { explain } from "~/modules/seekers/match";
import { vacancyMatches } from "~/modules/seekers/matches.server";
import { confirmGroup } from "~/modules/seekers/seekers.server";
import { actorFor, createUser } from "../factories";
import { makeSeeker } from "../factories/seekers";
import { makeEmployer, makeVacancy } from "../factories/vacancies";

describe("two-way matching in SQL", () => {
  it("ranks with the same integers as the pure function; a graduate from a marginal area rises with the priority option; hidden profiles never reach employers", async () => {
    const counsellor = await createUser({ role: "counsellor" });
    const c = await actorFor(counsellor.id);
    const grad = await makeSeeker(counsellor.id, { occupations: ["52"], skills: ["sales", "customer-service"], educationLevel: "bachelor", marginalArea: "on", groups: ["unemployed-graduates"] });
    await confirmGroup(c, grad.id, { group: "unemployed-graduates", note: "مدرک", confirm: true });
    const other = await makeSeeker(counsellor.id, { occupations: ["52"], skills: ["sales", "customer-service"], educationLevel: "bachelor" });
    const hidden = await makeSeeker(counsellor.id, { occupations: ["52"], skills: ["sales", "customer-service"], educationLevel: "bachelor", hidden: "on" });
    const emp = await makeEmployer();
    const v = await makeVacancy(emp.user.id, { occupation: "52", skills: ["sales", "customer-service", "computer-basics"], priorityOptIn: "on" });
    const page = await vacancyMatches(await actorFor(emp.user.id), v);
    const ids = page.rows.map((r) => r.id);
    expect(ids).not.toContain(hidden.id);
    expect(ids.indexOf(grad.id)).toBeLessThan(ids.indexOf(other.id));
    // The SQL score equals the pure scoreTenths() of the facts the statement returned (explain() recomputes it).
    for (const r of page.rows) expect(r.score).toBe(Math.round(explain(r.facts, page.weights).score * 10));
    const mine = page.rows.find((r) => r.id === grad.id)!;
    expect(mine.name).toBeNull(); // not referred yet: no name for the employer
    expect(explain(mine.facts, page.weights).parts.find((p) => p.part === "priority")?.reason).toBe("seekers.match.reason.priorityApplied");
    // Counsellors see their centre's hidden profiles too.
    expect((await vacancyMatches(c, v)).rows.map((r) => r.id)).toContain(hidden.id);
  });
});
