// Route x role matrix rows for cases (issue 5).
// Setup: an emergency case filed by the matrix entrepreneur and assigned to the matrix mentor, and a
// second case of another entrepreneur nobody in the matrix works on. Mentors see assigned cases only
// (decision 0012). POST bodies fail validation after the permission check: nothing is written.
import { getDb } from "~/lib/db.server";
import { ROLES } from "~/modules/accounts/roles";
import { fileEmergency } from "~/modules/cases/service.server";
import { assignMentors } from "~/modules/cases/assignment.server";
import { attachCaseDocuments } from "~/modules/cases/documents.server";
import { fileFromBytes } from "~/modules/files/service.server";
import { actorFor, createUser, orgUnitId } from "../../factories";
import { samplePdf } from "../../factories/files";
import { CENTRE_STAFF_UNIT, type Asker, type MatrixRow, type MatrixUsers } from "../matrix-types";

type Expect = Record<Asker, number | number[]>;
const all = (n: number): Expect => ({ anonymous: n, ...Object.fromEntries(ROLES.map((r) => [r, n])) }) as Expect;
const signedIn = (n: number): Expect => ({ ...all(n), anonymous: 302 });
/** Only the listed roles get `n`; other signed-in users 403; anonymous 302. */
const only = (n: number, ...roles: Asker[]): Expect => ({ ...signedIn(403), ...Object.fromEntries(roles.map((r) => [r, n])) });

const intake = {
  firmName: "کارگاه ماتریس", registrationNo: "99887", county: "tabriz", sector: "C", baselineEmployees: 5,
  problemAreas: ["market" as const], description: "افت فروش", urgency: "normal" as const,
};

export async function setup(users: MatrixUsers) {
  const db = await getDb();
  const staff = await actorFor(users.staff.id);
  const mine = await fileEmergency(await actorFor(users.entrepreneur.id), intake);
  const version = (await db.selectFrom("cases").select("version").where("id", "=", mine.id).executeTakeFirstOrThrow()).version;
  const centre = users.mentor.orgUnitId ?? (await orgUnitId("accel-tabriz-1"));
  await assignMentors(staff, mine.id, { version, centreId: centre, leadMentorId: users.mentor.id, coMentorIds: [] });
  const stranger = await createUser({ role: "entrepreneur" });
  const theirs = await fileEmergency(await actorFor(stranger.id), { ...intake, firmName: "پرونده دیگری" });
  const [docId] = await attachCaseDocuments(await actorFor(users.entrepreneur.id), mine.id, [fileFromBytes("matrix-case.pdf", samplePdf("matrix case"))]);
  // A case of the second centre (where the matrix's centre staff work), led by the matrix mentor.
  const central = await fileEmergency(await actorFor(stranger.id), { ...intake, firmName: "پرونده مرکز دوم" });
  const v2 = (await db.selectFrom("cases").select("version").where("id", "=", central.id).executeTakeFirstOrThrow()).version;
  await assignMentors(staff, central.id, { version: v2, centreId: await orgUnitId(CENTRE_STAFF_UNIT), leadMentorId: users.mentor.id, coMentorIds: [] });
  const [centreDocId] = await attachCaseDocuments(await actorFor(stranger.id), central.id, [fileFromBytes("matrix-centre.pdf", samplePdf("matrix centre"))]);
  return { caseId: mine.id, otherCaseId: theirs.id, docId, centreCaseId: central.id, centreDocId };
}

const readers: Asker[] = ["entrepreneur", "mentor", "staff"];
/** Signed-in users who may not read a case get the 404 of a missing id; staff of another centre too. */
const hidden: Partial<Expect> = { ...Object.fromEntries(ROLES.filter((r) => !readers.includes(r)).map((r) => [r, 404])), centre_staff: 404 };

export const rows: MatrixRow[] = [
  { route: "routes/cases._index", path: "/cases", expect: only(200, ...readers) },
  { route: "routes/cases._index", path: "/cases?kind=business_emergency&overdue=1&centre=99999999999&after=abc", expect: only(200, ...readers), note: "junk filters are ignored" },
  { route: "routes/cases._index", method: "POST", path: "/cases", body: {}, expect: all(405), note: "no action on the list" },
  { route: "routes/cases.export", path: "/cases/export", expect: only(200, ...readers) },

  { route: "routes/cases.emergency", path: "/cases/emergency", expect: only(200, "entrepreneur") },
  { route: "routes/cases.emergency", method: "POST", path: "/cases/emergency", body: { firmName: "" }, expect: only(400, "entrepreneur") },

  { route: "routes/cases.new", path: "/cases/new", expect: only(200, "staff") },
  { route: "routes/cases.new", method: "POST", path: "/cases/new", body: { kind: "acceleration" }, expect: only(400, "staff") },

  { route: "routes/cases.followups", path: "/cases/followups", expect: only(200, ...readers) },
  { route: "routes/cases.followups", method: "POST", path: "/cases/followups", body: {}, expect: only(400, ...readers) },

  // A case the asker may not read answers 404 like a missing id (issue 10 item 6); staff of another centre too (item 8).
  { route: "routes/cases.$id._index", path: (fx) => `/cases/${fx.caseId}`, expect: { ...only(200, ...readers), ...hidden }, note: "own case / assigned mentor / directorate staff" },
  { route: "routes/cases.$id._index", path: (fx) => `/cases/${fx.otherCaseId}`, expect: { ...only(200, "staff"), ...hidden, entrepreneur: 404, mentor: 404 }, note: "another entrepreneur's unassigned case" },
  { route: "routes/cases.$id._index", path: (fx) => `/cases/${fx.centreCaseId}`, expect: { ...only(200, "staff", "mentor"), ...hidden, entrepreneur: 404, centre_staff: 200 }, note: "a case of the centre staff's centre" },
  { route: "routes/cases.$id._index", path: "/cases/99999999999", expect: signedIn(404) },
  { route: "routes/cases.$id._index", method: "POST", path: (fx) => `/cases/${fx.caseId}`, body: { intent: "message", body: "" }, expect: { ...only(400, ...readers), ...hidden } },
  { route: "routes/cases.$id._index", method: "POST", path: (fx) => `/cases/${fx.otherCaseId}`, body: { intent: "note", body: "" }, expect: { ...only(400, "staff"), ...hidden, entrepreneur: 404, mentor: 404 } },
  { route: "routes/cases.$id._index", method: "POST", path: (fx) => `/cases/${fx.centreCaseId}`, body: { intent: "note", body: "" }, expect: { ...only(400, "staff", "mentor"), ...hidden, entrepreneur: 404, centre_staff: 400 },
    note: "centre staff write private notes on their centre's cases only" },

  { route: "routes/cases.$id.assign", path: (fx) => `/cases/${fx.caseId}/assign`, expect: { ...only(200, "staff"), centre_staff: 404 }, note: "another centre's case: as if missing" },
  { route: "routes/cases.$id.assign", path: (fx) => `/cases/${fx.centreCaseId}/assign`, expect: { ...only(200, "staff"), centre_staff: 200 } },
  { route: "routes/cases.$id.assign", method: "POST", path: (fx) => `/cases/${fx.caseId}/assign`, body: { version: "1" }, expect: { ...only(400, "staff"), centre_staff: 404 } },
  { route: "routes/cases.$id.assign", method: "POST", path: (fx) => `/cases/${fx.centreCaseId}/assign`, body: { version: "1" }, expect: { ...only(400, "staff"), centre_staff: 400 } },

  { route: "routes/cases.$id.documents.$fileId", path: (fx) => `/cases/${fx.caseId}/documents/${fx.docId}`, expect: { ...only(200, ...readers), ...hidden },
    note: "the case's entrepreneur, its assigned mentor and directorate staff; everyone else the 404 of a missing case (audit row)" },
  { route: "routes/cases.$id.documents.$fileId", path: (fx) => `/cases/${fx.centreCaseId}/documents/${fx.centreDocId}`, expect: { ...only(200, "staff", "mentor"), ...hidden, entrepreneur: 404, centre_staff: 200 },
    note: "a document of the centre staff's centre's case" },
  { route: "routes/cases.$id.documents.$fileId", path: (fx) => `/cases/${fx.otherCaseId}/documents/${fx.docId}`, expect: signedIn(404),
    note: "a document of another case: 404 for everyone" },
  { route: "routes/cases.$id.documents.$fileId", path: (fx) => `/cases/${fx.caseId}/documents/00000000-0000-4000-8000-000000000000`, expect: signedIn(404) },
  { route: "routes/cases.$id.documents.$fileId", path: "/cases/99999999999/documents/not-a-uuid", expect: signedIn(404) },
  { route: "routes/cases.$id.documents.$fileId", method: "POST", path: (fx) => `/cases/${fx.caseId}/documents/${fx.docId}`, body: {}, expect: all(405),
    note: "downloads have no action" },

  { route: "routes/cases.mentors", path: "/cases/mentors", expect: only(200, "staff") },
  { route: "routes/cases.mentors", path: "/cases/mentors?centre=abc", expect: only(200, "staff"), note: "a junk filter is ignored" },
  { route: "routes/cases.mentors", method: "POST", path: "/cases/mentors", body: { maxActive: "0" }, expect: only(400, "staff"),
    note: "403 before the form is read; staff get the field errors, nothing written" },
];
