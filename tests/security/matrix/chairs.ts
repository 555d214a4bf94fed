// Route x role matrix rows for the chairs module (issue 6). The matrix's chair_manager holds the
// role in uni-tabriz (factory default); `own` is a chair there, `other` one in another university.
// POST bodies are invalid on purpose: a permitted asker gets 400 (nothing written), the others 403
// before the form is read.
import type { Asker, MatrixRow, MatrixUsers } from "../matrix-types";
import { ROLES } from "~/modules/accounts/roles";
import { getDb } from "~/lib/db.server";
import { createOrgUnit } from "../../factories";

type Expect = Record<Asker, number | number[]>;
const all = (n: number): Expect => ({ anonymous: n, ...Object.fromEntries(ROLES.map((r) => [r, n])) }) as Expect;
/** Signed-in users get 403 except the listed roles; anonymous is sent to /login. */
const only = (grants: Partial<Record<Asker, number>>): Expect => ({ ...all(403), anonymous: 302, ...grants });

export async function setup(users: MatrixUsers) {
  const db = await getDb();
  const otherUni = await createOrgUnit("university");
  const mk = async (universityId: number, title: string) =>
    (await db.insertInto("chairs").values({ university_id: universityId, title, field: "میدان", holder_name: "دکتر ماتریس", holder_rank: "professor", status: "active" })
      .returning("id").executeTakeFirstOrThrow()).id;
  return { own: await mk(users.chair_manager.orgUnitId!, "کرسی ماتریس"), other: await mk(otherUni, "کرسی دیگر ماتریس") };
}

const p = (suffix: string, which: "own" | "other" = "own") => (fx: Record<string, string | number>) => `/chairs/${fx[which]}${suffix}`;

export const rows: MatrixRow[] = [
  { route: "routes/chairs._index", path: "/chairs", expect: all(200), note: "public list, no contact data" },

  { route: "routes/chairs.manage", path: "/chairs/manage", expect: only({ chair_manager: 200, staff: 200 }) },

  { route: "routes/chairs.new", path: "/chairs/new", expect: only({ chair_manager: 200 }) },
  { route: "routes/chairs.new", method: "POST", path: "/chairs/new", body: { title: "" }, expect: only({ chair_manager: 400 }) },

  { route: "routes/chairs.ranking", path: "/chairs/ranking", expect: only({ staff: 200 }) },
  { route: "routes/chairs.ranking", path: `/chairs/ranking?year=${encodeURIComponent("۱۴۰۳")}&by=jobs`, expect: only({ staff: 200 }) },

  { route: "routes/chairs.$id._index", path: p(""), expect: only({ chair_manager: 200, staff: 200 }) },
  { route: "routes/chairs.$id._index", path: p("", "other"), expect: only({ staff: 200, chair_manager: 404 }), note: "another university's chair: for its manager the 404 of a missing chair + audit (issue 10 item 6)" },
  { route: "routes/chairs.$id._index", path: "/chairs/999999999", expect: only({ chair_manager: 404, staff: 404 }) },
  { route: "routes/chairs.$id._index", method: "POST", path: p(""), body: { body: "" }, expect: only({ staff: 400 }), note: "comment: staff only" },

  { route: "routes/chairs.$id.edit", path: p("/edit"), expect: only({ chair_manager: 200 }) },
  { route: "routes/chairs.$id.edit", path: p("/edit", "other"), expect: only({ chair_manager: 404 }) },
  { route: "routes/chairs.$id.edit", method: "POST", path: p("/edit"), body: { title: "" }, expect: only({ chair_manager: 400 }) },
  { route: "routes/chairs.$id.edit", method: "POST", path: p("/edit", "other"), body: { title: "" }, expect: only({ chair_manager: 404 }) },

  { route: "routes/chairs.$id.plan", path: p("/plan"), expect: only({ chair_manager: 200 }) },
  { route: "routes/chairs.$id.plan", method: "POST", path: p("/plan"), body: { year: "1403", goalActivities: "-1" }, expect: only({ chair_manager: 400 }) },
  { route: "routes/chairs.$id.plan", method: "POST", path: p("/plan", "other"), body: { year: "1403" }, expect: only({ chair_manager: 404 }) },

  { route: "routes/chairs.$id.activities.new", path: p("/activities/new"), expect: only({ chair_manager: 200 }) },
  { route: "routes/chairs.$id.activities.new", method: "POST", path: p("/activities/new"), body: { year: "1403", participants: "-1", women: "5" }, expect: only({ chair_manager: 400 }) },
  { route: "routes/chairs.$id.activities.new", method: "POST", path: p("/activities/new", "other"), body: { year: "1403" }, expect: only({ chair_manager: 404 }) },

  // Evidence download: the chair is checked first (404 + audit for another university's manager),
  // then whether the file is evidence of that chair (a random id: 404).
  { route: "routes/chairs.$id.evidence.$fileId", path: p("/evidence/00000000-0000-4000-8000-000000000000"), expect: only({ chair_manager: 404, staff: 404 }) },
  { route: "routes/chairs.$id.evidence.$fileId", path: p("/evidence/00000000-0000-4000-8000-000000000000", "other"), expect: only({ staff: 404, chair_manager: 404 }) },
  { route: "routes/chairs.$id.evidence.$fileId", path: p("/evidence/not-a-uuid"), expect: only({ chair_manager: 404, staff: 404 }) },

  { route: "routes/chairs.$id.import", path: p("/import"), expect: only({ chair_manager: 200 }) },
  { route: "routes/chairs.$id.import", method: "POST", path: p("/import"), body: { year: "" }, expect: only({ chair_manager: 400 }) },
  { route: "routes/chairs.$id.import", method: "POST", path: p("/import", "other"), body: { year: "1403" }, expect: only({ chair_manager: 404 }) },

  { route: "routes/chairs.$id.report", path: p("/report"), expect: only({ chair_manager: 200, staff: 200 }) },
  { route: "routes/chairs.$id.report", path: p("/report", "other"), expect: only({ staff: 200, chair_manager: 404 }) },
  { route: "routes/chairs.$id.report[.csv]", path: p("/report.csv"), expect: only({ chair_manager: 200, staff: 200 }) },
  { route: "routes/chairs.$id.report[.csv]", path: p("/report.csv", "other"), expect: only({ staff: 200, chair_manager: 404 }) },
];
