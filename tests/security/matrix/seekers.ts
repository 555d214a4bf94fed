// Route x role matrix rows for job seekers and counselling (issue 15, module 7).
// Setup: a seeker the matrix counsellor registered at their centre (`centre`), and the matrix job
// seeker's own profile (`self`). POST bodies fail validation, so an allowed asker gets 400 and nothing
// is written; everyone else gets 403 before the form is read.
import { ROLES } from "~/modules/accounts/roles";
import { getDb } from "~/lib/db.server";
import { actorFor } from "../../factories";
import { makeSeeker } from "../../factories/seekers";
import { makeVacancy } from "../../factories/vacancies";
import { decideReferral, referSeeker } from "~/modules/seekers/referrals.server";
import type { Asker, MatrixRow, MatrixUsers } from "../matrix-types";

type Expect = Record<Asker, number | number[]>;
const all = (n: number): Expect => ({ anonymous: n, ...Object.fromEntries(ROLES.map((r) => [r, n])) }) as Expect;
/** Only the listed roles get their status; other signed-in users 403; anonymous 302. */
const only = (grants: Partial<Record<Asker, number>>): Expect => ({ ...all(403), anonymous: 302, ...grants });

export async function setup(users: MatrixUsers) {
  const centre = await makeSeeker(users.counsellor.id);
  const self = await makeSeeker(users.job_seeker.id);
  // The matrix employer's unit is linked to a ledger enterprise, so a hire can be reported.
  const db = await getDb();
  const e = await db.insertInto("enterprises").values({ name: "بنگاه ماتریس", registration_no: "77000111222", kind: "company", county_code: "tabriz", sector_code: "G", size_class: "small", baseline_headcount: 5 })
    .onConflict((oc) => oc.doNothing()).returning("id").executeTakeFirst();
  const ent = e ?? (await db.selectFrom("enterprises").select("id").where("registration_no", "=", "77000111222").executeTakeFirstOrThrow());
  await db.updateTable("org_units").set({ enterprise_id: ent.id }).where("id", "=", users.employer.orgUnitId!).execute();
  const open = await makeVacancy(users.employer.id, { posts: "2" });
  const draft = await makeVacancy(users.employer.id, {}, { draft: true });
  const ref = await referSeeker(await actorFor(users.counsellor.id), open, centre.id);
  const placed = await makeSeeker(users.counsellor.id);
  const hiredRef = await referSeeker(await actorFor(users.counsellor.id), open, placed.id);
  await decideReferral(await actorFor(users.employer.id), { referralId: hiredRef, decision: "hired", version: 1 });
  const check = await db.selectFrom("retention_checks as r").innerJoin("placements as p", "p.id", "r.placement_id").select("r.id").where("p.referral_id", "=", hiredRef).where("r.months", "=", 3).executeTakeFirstOrThrow();
  return { centre: centre.id, self: self.id, open, draft, ref, check: check.id };
}

const p = (suffix: string, which: "centre" | "self" = "centre") => (fx: Record<string, string | number>) => `/seekers/${fx[which]}${suffix}`;
const registrars = { entrepreneur: 200, counsellor: 200, staff: 200, job_seeker: 200 };
const registrarsPost = { entrepreneur: 400, counsellor: 400, staff: 400, job_seeker: 400 };

export const rows: MatrixRow[] = [
  { route: "routes/seekers._index", path: "/seekers", expect: only({ counsellor: 200, staff: 200 }), note: "counsellors: their centre's seekers; staff: all" },
  { route: "routes/seekers._index", path: "/seekers?q=%DA%A9&county=tabriz&group=marginal-areas&after=5", expect: only({ counsellor: 200, staff: 200 }) },
  { route: "routes/seekers.new", path: "/seekers/new", expect: only(registrars), note: "self-registration (signed-up people), counsellors, staff" },
  { route: "routes/seekers.new", method: "POST", path: "/seekers/new", body: { fullName: "" }, expect: only(registrarsPost) },
  { route: "routes/seekers.me", path: "/seekers/me", expect: all(302), note: "to the own profile or the registration form" },
  { route: "routes/seekers.claim", path: "/seekers/claim", expect: only(registrars) },
  { route: "routes/seekers.claim", method: "POST", path: "/seekers/claim", body: { nationalId: "" }, expect: only(registrarsPost) },

  { route: "routes/seekers.$id._index", path: p(""), expect: only({ counsellor: 200, staff: 200, employer: 200 }), note: "referred to the matrix employer's vacancy: the employer reads the work profile (audited); other seekers never" },
  { route: "routes/seekers.$id._index", path: p("", "self"), expect: only({ job_seeker: 200, staff: 200 }), note: "a self-registered seeker without a centre, never referred: themselves and staff (the employer 403 + audit)" },
  { route: "routes/seekers.$id._index", path: "/seekers/999999999", expect: only({ counsellor: 404, staff: 404, employer: 404, job_seeker: 404 }) },
  { route: "routes/seekers.$id._index", method: "POST", path: p(""), body: { intent: "group", group: "" }, expect: only({ counsellor: 400, staff: 400 }), note: "confirm a priority group" },
  { route: "routes/seekers.$id._index", method: "POST", path: p("", "self"), body: { intent: "group", group: "" }, expect: only({ staff: 400 }), note: "a seeker never confirms their own group" },

  { route: "routes/seekers.$id.edit", path: p("/edit"), expect: only({ counsellor: 200, staff: 200 }) },
  { route: "routes/seekers.$id.edit", path: p("/edit", "self"), expect: only({ job_seeker: 200, staff: 200 }) },
  { route: "routes/seekers.$id.edit", method: "POST", path: p("/edit", "self"), body: { fullName: "" }, expect: only({ job_seeker: 400, staff: 400 }) },
  { route: "routes/seekers.$id.edit", method: "POST", path: p("/edit"), body: { fullName: "" }, expect: only({ counsellor: 400, staff: 400 }) },

  { route: "routes/seekers.$id.sessions", path: p("/sessions"), expect: only({ counsellor: 200 }), note: "sessions are the counsellors' (staff read them on the profile)" },
  { route: "routes/seekers.$id.sessions", path: p("/sessions", "self"), expect: only({}), note: "no counsellor of this seeker; the seeker never logs sessions" },
  { route: "routes/seekers.$id.sessions", method: "POST", path: p("/sessions"), body: { heldOn: "" }, expect: only({ counsellor: 400 }) },

  { route: "routes/seekers.$id._index", method: "POST", path: p(""), body: { intent: "refer", vacancyId: "" }, expect: only({ counsellor: 400, staff: 400 }), note: "refer to a vacancy" },
  { route: "routes/seekers.$id.cv", path: p("/cv"), expect: { ...all(302) }, note: "GET goes back to the profile" },
  { route: "routes/seekers.$id.cv", method: "POST", path: p("/cv", "self"), body: {}, expect: { ...all(403), anonymous: 302, job_seeker: [302, 400, 415], staff: [302, 400, 415] }, note: "not multipart: refused before any file is stored" },

  // vacancies (employer = the matrix employer's unit; `open` has a referral of the centre's seeker and one hire)
  { route: "routes/vacancies._index", path: "/vacancies", expect: only({ counsellor: 200, employer: 200, job_seeker: 200, staff: 200 }), note: "employers: theirs; counsellors and seekers: open ones; staff: all" },
  { route: "routes/vacancies._index", path: "/vacancies?status=draft&after=99", expect: only({ counsellor: 200, employer: 200, job_seeker: 200, staff: 200 }) },
  { route: "routes/vacancies.new", path: "/vacancies/new", expect: only({ employer: 200, staff: 200 }) },
  { route: "routes/vacancies.new", method: "POST", path: "/vacancies/new", body: { title: "" }, expect: only({ employer: 400, staff: 400 }) },
  { route: "routes/vacancies.$id._index", path: (fx) => `/vacancies/${fx.open}`, expect: only({ counsellor: 200, employer: 200, job_seeker: 200, staff: 200 }) },
  { route: "routes/vacancies.$id._index", path: (fx) => `/vacancies/${fx.draft}`, expect: only({ employer: 200, staff: 200 }), note: "a draft: its employer and staff only" },
  { route: "routes/vacancies.$id._index", path: "/vacancies/999999999", expect: only({ counsellor: 404, employer: 404, job_seeker: 404, staff: 404 }) },
  { route: "routes/vacancies.$id._index", method: "POST", path: (fx) => `/vacancies/${fx.draft}`, body: { intent: "move", to: "" }, expect: only({ employer: 400, staff: 400 }) },
  { route: "routes/vacancies.$id._index", method: "POST", path: (fx) => `/vacancies/${fx.open}`, body: { intent: "decide", referralId: "" }, expect: only({ employer: 400, staff: 400 }) },
  { route: "routes/vacancies.$id._index", method: "POST", path: (fx) => `/vacancies/${fx.draft}`, body: { intent: "apply" }, expect: only({}), note: "a draft cannot be applied to (the seeker does not see it)" },
  { route: "routes/vacancies.$id.edit", path: (fx) => `/vacancies/${fx.draft}/edit`, expect: only({ employer: 200, staff: 200 }) },
  { route: "routes/vacancies.$id.edit", method: "POST", path: (fx) => `/vacancies/${fx.draft}/edit`, body: { title: "" }, expect: only({ employer: 400, staff: 400 }) },
  { route: "routes/placements.checks.$id", path: (fx) => `/placements/checks/${fx.check}`, expect: only({ counsellor: 200, staff: 200 }), note: "counsellors of the seeker's centre and staff" },
  { route: "routes/placements.checks.$id", method: "POST", path: (fx) => `/placements/checks/${fx.check}`, body: { result: "" }, expect: only({ counsellor: 400, staff: 400 }) },
  { route: "routes/placements.checks.$id", path: "/placements/checks/999999999", expect: only({ counsellor: 404, staff: 404 }) },
  { route: "routes/vacancies.$id.matches", path: (fx) => `/vacancies/${fx.open}/matches`, expect: only({ counsellor: 200, employer: 200, staff: 200 }), note: "employer: unhidden seekers, names only once referred; counsellors: their centre" },
  { route: "routes/vacancies.$id.matches", path: (fx) => `/vacancies/${fx.draft}/matches`, expect: only({ employer: 200, staff: 200 }) },
  { route: "routes/seekers.$id.matches", path: p("/matches"), expect: only({ counsellor: 200, staff: 200 }), note: "the referred employer: 403 (never the seeker's vacancy list)" },
  { route: "routes/seekers.$id.matches", path: p("/matches", "self"), expect: only({ job_seeker: 200, staff: 200 }) },
  // the module's dashboard (placements, retention, time to placement): staff the province, counsellors their centres
  { route: "routes/placements._index", path: "/placements", expect: only({ counsellor: 200, staff: 200 }) },
  { route: "routes/placements._index", path: "/placements?year=1300", expect: only({ counsellor: 200, staff: 200 }), note: "a year out of range shows this year" },
  { route: "routes/placements[.]csv", path: "/placements.csv", expect: only({ counsellor: 200, staff: 200 }) },
  // referral withdrawal and the hide/show switch (intents on the seeker page)
  { route: "routes/seekers.$id._index", method: "POST", path: p(""), body: { intent: "withdraw", referralId: "" }, expect: only({ counsellor: 400, staff: 400 }), note: "the seeker's counsellors and staff withdraw a referral (the referred employer: 403)" },
  { route: "routes/seekers.$id._index", method: "POST", path: p("", "self"), body: { intent: "withdraw", referralId: "" }, expect: only({ job_seeker: 400, staff: 400 }), note: "the seeker withdraws their own" },
  { route: "routes/seekers.$id._index", method: "POST", path: p("", "self"), body: { intent: "visibility", hidden: "on" }, expect: only({ job_seeker: 400, staff: 400 }), note: "hide or show again (no version: 400)" },
  { route: "routes/seekers.$id._index", method: "POST", path: p(""), body: { intent: "visibility" }, expect: only({ counsellor: 400, staff: 400 }) },
  // employer units tied to their ledger enterprise (decision 0054): staff register them
  { route: "routes/employers._index", path: "/employers", expect: only({ staff: 200 }) },
  { route: "routes/employers._index", path: "/employers?after=99", expect: only({ staff: 200 }) },
  { route: "routes/employers.new", path: "/employers/new", expect: only({ staff: 200 }) },
  // the seeker match weights (staff tune them; audited, version-checked)
  { route: "routes/vacancies.weights", path: "/vacancies/weights", expect: only({ staff: 200 }) },
  { route: "routes/vacancies.weights", method: "POST", path: "/vacancies/weights", body: { occupation: "-1" }, expect: only({ staff: 400 }) },
  { route: "routes/employers.new", method: "POST", path: "/employers/new", body: { name: "" }, expect: only({ staff: 400 }), note: "nothing written: no enterprise, no unit" },
];
