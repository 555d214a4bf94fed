import { describe, expect, it } from "vitest";
import { ideaPrefillForSeeker } from "~/modules/seekers/handover.server";
import { actorFor, createUser } from "../factories";
import { makeSeeker } from "../factories/seekers";

// Self-employment after counselling opens /ideas/new?seeker=<id>: the seeker's own draft is prefilled
// from the profile; anyone else (the counsellor, another person, a bad id) gets the empty form.
describe("idea draft prefilled for a job seeker", () => {
  it("prefills county, summary, one expected job and a team line for the seeker only", async () => {
    const person = await createUser({ role: "job_seeker" });
    const s = await makeSeeker(person.id, { fullName: "سمیرا نادری", county: "marand", desiredWork: "کارگاه خیاطی خانگی", skills: ["sewing"], experienceYears: "3", educationField: "طراحی لباس" });
    const mine = await ideaPrefillForSeeker(await actorFor(person.id), String(s.id), "fa");
    expect(mine).toMatchObject({ countyCode: "marand", summary: "کارگاه خیاطی خانگی", expectedJobs: "1", stage: "idea", originKind: "own" });
    expect(mine?.team).toContain("سمیرا نادری");
    expect(mine?.team).toContain("خیاطی");
    expect(mine?.team).toContain("۳");
    expect((await ideaPrefillForSeeker(await actorFor(person.id), String(s.id), "en"))?.team).toContain("Sewing");
    const counsellor = await createUser({ role: "counsellor" });
    expect(await ideaPrefillForSeeker(await actorFor(counsellor.id), String(s.id), "fa")).toBeNull();
    expect(await ideaPrefillForSeeker(await actorFor(person.id), "abc", "fa")).toBeNull();
    expect(await ideaPrefillForSeeker(await actorFor(person.id), null, "fa")).toBeNull();
  });
});
