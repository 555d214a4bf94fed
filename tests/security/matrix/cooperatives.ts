// Route x role matrix rows for cooperatives (issue 12).
// Setup: an application of the matrix entrepreneur sent to its members (`own`, with a member's
// invitation token), and one of another entrepreneur (`other`). POST bodies fail validation, so an
// allowed asker gets 400 and nothing is written; everyone else gets 403 before the form is read.
import { ROLES } from "~/modules/accounts/roles";
import { parseForm } from "~/lib/forms";
import { getDb } from "~/lib/db.server";
import { applicationSchema } from "~/modules/cooperatives/schema";
import { saveApplication } from "~/modules/cooperatives/service.server";
import { actorFor, createUser, nationalIdFor } from "../../factories";
import type { Asker, MatrixRow, MatrixUsers } from "../matrix-types";

type Expect = Record<Asker, number | number[]>;
const all = (n: number): Expect => ({ anonymous: n, ...Object.fromEntries(ROLES.map((r) => [r, n])) }) as Expect;
const only = (grants: Partial<Record<Asker, number>>): Expect => ({ ...all(403), anonymous: 302, ...grants });
const signedIn = (n: number): Expect => ({ ...all(n), anonymous: 302 });

export async function setup(users: MatrixUsers) {
  const make = async (ownerId: number, base: number) => {
    const f = new FormData();
    const fields = { name1: "تعاونی ماتریس", typeCode: "producer", activity: "دوخت", sector: "C", county: "tabriz", address: "تبریز", capital: "140000000" };
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    for (let i = 0; i < 7; i++) {
      f.append("memberName", `عضو ${i}`);
      f.append("memberNationalId", nationalIdFor(base + i));
      f.append("memberShare", "20000000");
      f.append("memberRole", i < 3 ? "board" : i === 3 ? "inspector" : "founder");
    }
    const p = parseForm(applicationSchema, f);
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    return saveApplication(await actorFor(ownerId), null, p.data, { send: ownerId === users.entrepreneur.id });
  };
  const stranger = await createUser({ role: "entrepreneur" });
  const own = await make(users.entrepreneur.id, 910_000);
  const other = await make(stranger.id, 920_000);
  const m = await (await getDb()).selectFrom("cooperative_members").select("token").where("cooperative_id", "=", own).where("token", "is not", null).executeTakeFirstOrThrow();
  return { own, other, token: m.token! };
}

const p = (suffix: string, which: "own" | "other" = "own") => (fx: Record<string, string | number>) => `/cooperatives/${fx[which]}${suffix}`;

export const rows: MatrixRow[] = [
  { route: "routes/cooperatives._index", path: "/cooperatives", expect: only({ staff: 200, entrepreneur: 302 }), note: "staff queue; entrepreneurs go to their own list" },
  { route: "routes/cooperatives._index", path: "/cooperatives?status=submitted&type=producer&county=tabriz&sector=C&waiting=1&overdue=1&q=%DA%86%D8%B1%D9%85", expect: only({ staff: 200, entrepreneur: 302 }) },
  { route: "routes/cooperatives[.]csv", path: "/cooperatives.csv?status=submitted", expect: only({ staff: 200 }) },
  { route: "routes/cooperatives.mine", path: "/cooperatives/mine", expect: only({ entrepreneur: 200, staff: 200 }) },
  { route: "routes/cooperatives.directory", path: "/cooperatives/directory?q=%D8%AA&county=tabriz", expect: all(200), note: "public: no IDs, mobiles or shares" },
  { route: "routes/cooperatives.rules", path: "/cooperatives/rules", expect: only({ staff: 200 }) },
  { route: "routes/cooperatives.rules", method: "POST", path: "/cooperatives/rules", body: { minMembers: "" }, expect: only({ staff: 400 }) },

  { route: "routes/cooperatives.new", path: "/cooperatives/new", expect: only({ entrepreneur: 200 }) },
  { route: "routes/cooperatives.new", path: "/cooperatives/new?idea=999999", expect: only({ entrepreneur: 404 }), note: "an idea that does not exist" },
  { route: "routes/cooperatives.new", method: "POST", path: "/cooperatives/new", body: { name1: "" }, expect: only({ entrepreneur: 400 }) },
  { route: "routes/cooperatives.new", method: "POST", path: "/cooperatives/new", body: { name1: "x", intent: "addRow" }, expect: only({ entrepreneur: 200 }), note: "no-JS add a row: nothing saved" },

  { route: "routes/cooperatives.$id._index", path: p(""), expect: only({ entrepreneur: 200, staff: 200 }) },
  { route: "routes/cooperatives.$id._index", path: p("", "other"), expect: only({ staff: 200 }), note: "another applicant's: 403 + audit" },
  { route: "routes/cooperatives.$id._index", path: "/cooperatives/999999999", expect: only({ entrepreneur: 404, staff: 404 }) },
  { route: "routes/cooperatives.$id._index", method: "POST", path: p(""), body: { action: "", version: "1" }, expect: only({ entrepreneur: 400, staff: 400 }) },
  { route: "routes/cooperatives.$id._index", method: "POST", path: p("", "other"), body: { action: "" }, expect: only({ staff: 400 }) },

  { route: "routes/cooperatives.$id.edit", path: p("/edit", "other"), expect: only({}), note: "only the applicant edits; staff 403 too (entrepreneur: someone else's)" },
  { route: "routes/cooperatives.$id.edit", path: p("/edit"), expect: only({ entrepreneur: 409 }), note: "sent to members: not editable until recalled" },
  { route: "routes/cooperatives.$id.edit", method: "POST", path: p("/edit"), body: { name1: "" }, expect: only({ entrepreneur: 400 }) },

  { route: "routes/cooperatives.join.$token", path: (fx) => `/cooperatives/join/${fx.token}`, expect: signedIn(200), note: "the invitation link is the capability; confirming needs the member's national ID" },
  { route: "routes/cooperatives.join.$token", path: "/cooperatives/join/not-a-real-token-123", expect: signedIn(404) },
  { route: "routes/cooperatives.join.$token", method: "POST", path: (fx) => `/cooperatives/join/${fx.token}`, body: { intent: "confirm", nationalId: "" }, expect: signedIn(400) },
];
