import { getDb } from "~/lib/db.server";
import type { UserActor } from "~/modules/accounts/actor.server";
import { referenceOptions } from "~/modules/reference/service.server";
import { translate } from "~/i18n";
import { localDigits } from "~/i18n/format";
import { parseId } from "~/lib/ids";

// Self-employment (decision 0025): counselling that ends in self-employment sends the seeker to
// /ideas/new?seeker=<id>. The idea's author is whoever is signed in, so the draft is prefilled only for
// the seeker themselves (their own profile: no audit row, nothing written on GET): county, what they
// want to do, one expected job (their own), and a team line from their education, experience and skills.
// Anyone else gets the empty form, as before.

export async function ideaPrefillForSeeker(actor: UserActor, raw: string | null, locale: "fa" | "en"): Promise<Record<string, string> | null> {
  // One id rule (parseId): "0x10", "1e3" or a 30-digit number is no seeker, not a database error.
  const id = parseId(raw);
  if (id == null) return null;
  const db = await getDb();
  const s = await db.selectFrom("job_seekers").select(["full_name", "county_code", "desired_work", "education_level", "education_field", "experience_years", "skills"])
    .where("id", "=", id).where("user_id", "=", actor.user.id).executeTakeFirst();
  if (!s) return null;
  const skills = new Map((await referenceOptions("skills", locale)).map((o) => [o.value, o.label]));
  const sep = locale === "fa" ? "، " : ", ";
  const team = translate(locale, "seekers.idea.team", {
    name: s.full_name,
    education: [translate(locale, `seekers.education.${s.education_level}`), s.education_field].filter(Boolean).join(sep),
    years: localDigits(locale, String(s.experience_years)),
    skills: s.skills.map((c) => skills.get(c) ?? c).join(sep) || "—",
  });
  return { countyCode: s.county_code, summary: s.desired_work.slice(0, 500), expectedJobs: "1", stage: "idea", team, originKind: "own" };
}
