// Route x role matrix rows for job seekers and counselling (issue 15, module 7).
// Setup: a seeker the matrix counsellor registered at their centre (`centre`), and the matrix job
// seeker's own profile (`self`). POST bodies fail validation, so an allowed asker gets 400 and nothing
// is written; everyone else gets 403 before the form is read.
import { ROLES } from "~/modules/accounts/roles";
import { makeSeeker } from "../../factories/seekers";
import type { Asker, MatrixRow, MatrixUsers } from "../matrix-types";

type Expect = Record<Asker, number | number[]>;
const all = (n: number): Expect => ({ anonymous: n, ...Object.fromEntries(ROLES.map((r) => [r, n])) }) as Expect;
/** Only the listed roles get their status; other signed-in users 403; anonymous 302. */
const only = (grants: Partial<Record<Asker, number>>): Expect => ({ ...all(403), anonymous: 302, ...grants });

export async function setup(users: MatrixUsers) {
  const centre = await makeSeeker(users.counsellor.id);
  const self = await makeSeeker(users.job_seeker.id);
  return { centre: centre.id, self: self.id };
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

  { route: "routes/seekers.$id._index", path: p(""), expect: only({ counsellor: 200, staff: 200 }), note: "employers only after a referral; other seekers never (403 + audit)" },
  { route: "routes/seekers.$id._index", path: p("", "self"), expect: only({ job_seeker: 200, staff: 200 }), note: "a self-registered seeker without a centre: themselves and staff" },
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

  { route: "routes/seekers.$id.cv", path: p("/cv"), expect: { ...all(302) }, note: "GET goes back to the profile" },
  { route: "routes/seekers.$id.cv", method: "POST", path: p("/cv", "self"), body: {}, expect: { ...all(403), anonymous: 302, job_seeker: [302, 400, 415], staff: [302, 400, 415] }, note: "not multipart: refused before any file is stored" },
];
