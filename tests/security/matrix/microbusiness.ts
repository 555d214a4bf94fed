// Route x role matrix rows for the micro and home businesses registry (issue 16).
// Setup: a business owned by the matrix entrepreneur (`own`) and one owned by another entrepreneur
// (`other`). POST bodies fail validation, so an allowed asker gets 400 and nothing is written;
// everyone else gets 403 before the form is read.
import { ROLES } from "~/modules/accounts/roles";
import { parseForm } from "~/lib/forms";
import { registerSchema } from "~/modules/microbusiness/schema";
import { registerBusiness } from "~/modules/microbusiness/service.server";
import { actorFor, createUser, nationalIdFor } from "../../factories";
import type { Asker, MatrixRow, MatrixUsers } from "../matrix-types";

type Expect = Record<Asker, number | number[]>;
const all = (n: number): Expect => ({ anonymous: n, ...Object.fromEntries(ROLES.map((r) => [r, n])) }) as Expect;
/** Only the listed roles get their status; other signed-in users 403; anonymous 302. */
const only = (grants: Partial<Record<Asker, number>>): Expect => ({ ...all(403), anonymous: 302, ...grants });

export async function setup(users: MatrixUsers) {
  const make = async (ownerId: number, n: number) => {
    const f = new FormData();
    const fields = {
      name: "کسب‌وکار ماتریس", ownerName: "مالک ماتریس", ownerNationalId: nationalIdFor(700_000 + n), ownerGender: "female", sector: "C",
      activity: "دوخت", county: "tabriz", area: "urban", address: "تبریز", startedOn: "1402/01/01", permitStatus: "none", ownerMode: "full_time",
    };
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    const p = parseForm(registerSchema, f);
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    return registerBusiness(await actorFor(ownerId), p.data);
  };
  const stranger = await createUser({ role: "entrepreneur" });
  return { own: await make(users.entrepreneur.id, 1), other: await make(stranger.id, 2) };
}

const p = (suffix: string, which: "own" | "other" = "own") => (fx: Record<string, string | number>) => `/micro-businesses/${fx[which]}${suffix}`;
const owners = { entrepreneur: 200, staff: 200 };

export const rows: MatrixRow[] = [
  { route: "routes/micro-businesses._index", path: "/micro-businesses", expect: only(owners), note: "staff: the registry; entrepreneurs: their own" },
  { route: "routes/micro-businesses._index", path: "/micro-businesses?county=tabriz&permit=expired&support=loan&women=1&rural=1&q=%D9%85", expect: only(owners) },
  { route: "routes/micro-businesses[.]csv", path: "/micro-businesses.csv?county=tabriz", expect: only({ staff: 200 }), note: "carries national IDs: staff only" },

  { route: "routes/micro-businesses.new", path: "/micro-businesses/new", expect: only(owners) },
  { route: "routes/micro-businesses.new", method: "POST", path: "/micro-businesses/new", body: { name: "" }, expect: only({ entrepreneur: 400, staff: 400 }) },

  { route: "routes/micro-businesses.$id._index", path: p(""), expect: only(owners) },
  { route: "routes/micro-businesses.$id._index", path: p("", "other"), expect: only({ staff: 200 }), note: "another owner's business: 403 + audit" },
  { route: "routes/micro-businesses.$id._index", path: "/micro-businesses/999999999", expect: only({ entrepreneur: 404, staff: 404 }) },

  { route: "routes/micro-businesses.$id.edit", path: p("/edit"), expect: only(owners) },
  { route: "routes/micro-businesses.$id.edit", path: p("/edit", "other"), expect: only({ staff: 200 }) },
  { route: "routes/micro-businesses.$id.edit", method: "POST", path: p("/edit"), body: { name: "" }, expect: only({ entrepreneur: 400, staff: 400 }) },
  { route: "routes/micro-businesses.$id.edit", method: "POST", path: p("/edit", "other"), body: { name: "" }, expect: only({ staff: 400 }) },

  { route: "routes/micro-businesses.$id.permit", path: p("/permit"), expect: only(owners) },
  { route: "routes/micro-businesses.$id.permit", method: "POST", path: p("/permit"), body: { permitStatus: "issued", version: "1" }, expect: only({ entrepreneur: 400, staff: 400 }) },
  { route: "routes/micro-businesses.$id.permit", method: "POST", path: p("/permit", "other"), body: { permitStatus: "" }, expect: only({ staff: 400 }) },

  { route: "routes/micro-businesses.$id.support", path: p("/support"), expect: only(owners) },
  { route: "routes/micro-businesses.$id.support", method: "POST", path: p("/support"), body: { kind: "" }, expect: only({ entrepreneur: 400, staff: 400 }) },
  { route: "routes/micro-businesses.$id.support", method: "POST", path: p("/support", "other"), body: { kind: "" }, expect: only({ staff: 400 }) },

  { route: "routes/micro-businesses.$id.update", path: p("/update"), expect: only(owners) },
  { route: "routes/micro-businesses.$id.update", method: "POST", path: p("/update"), body: { ownerMode: "", version: "1" }, expect: only({ entrepreneur: 400, staff: 400 }) },
  { route: "routes/micro-businesses.$id.update", method: "POST", path: p("/update", "other"), body: { ownerMode: "" }, expect: only({ staff: 400 }) },

  { route: "routes/micro-businesses.summary", path: "/micro-businesses/summary", expect: all(200), note: "public aggregates" },
  { route: "routes/micro-businesses.summary", path: `/micro-businesses/summary?year=${encodeURIComponent("۱۴۰۳")}`, expect: all(200) },
  { route: "routes/micro-businesses.summary[.]csv", path: "/micro-businesses/summary.csv", expect: all(200) },
  { route: "routes/micro-businesses.summary[.]json", path: "/micro-businesses/summary.json?year=abc", expect: all(200) },
];
