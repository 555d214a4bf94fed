import { getDb } from "~/lib/db.server";
import { parseForm } from "~/lib/forms";
import { vacancySchema } from "~/modules/seekers/schema";
import { createVacancy, moveVacancy } from "~/modules/seekers/vacancies.server";
import { actorFor, createOrgUnit, createUser } from "./index";

let n = 0;
/** An employer unit linked to a ledger enterprise, with a user holding the employer role in it. */
export async function makeEmployer() {
  n++;
  const db = await getDb();
  const unit = await createOrgUnit("employer");
  const reg = `77${String(Date.now() % 1_000_000_000).padStart(9, "0")}${n}`.slice(0, 11);
  const e = await db.insertInto("enterprises").values({ name: `بنگاه ${reg}`, registration_no: reg, kind: "company", county_code: "tabriz", sector_code: "G", size_class: "small", baseline_headcount: 10 })
    .returning("id").executeTakeFirstOrThrow();
  await db.updateTable("org_units").set({ enterprise_id: e.id }).where("id", "=", unit).execute();
  const user = await createUser({ role: "employer", unit });
  return { unit, enterpriseId: e.id, user };
}

/** A vacancy through the real service, opened unless `draft`. */
export async function makeVacancy(employerUserId: number, fields: Record<string, string | string[]> = {}, opts: { draft?: boolean } = {}) {
  const f = new FormData();
  const base: Record<string, string | string[]> = {
    title: "کارشناس فروش", occupation: "2", skills: ["computer-basics", "sales"], educationLevel: "diploma", county: "tabriz", posts: "1",
    contractType: "full_time", wageMin: "10000", wageMax: "15000", closesOn: "1499/12/01", ...fields,
  };
  for (const [k, v] of Object.entries(base)) for (const x of ([] as string[]).concat(v)) f.append(k, x);
  const p = parseForm(vacancySchema, f);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  const actor = await actorFor(employerUserId);
  const id = await createVacancy(actor, p.data);
  if (!opts.draft) await moveVacancy(actor, id, "open", 1);
  return id;
}
