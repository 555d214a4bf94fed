import type { Kysely } from "kysely";
import counties from "./reference/counties.json";
import sectors from "./reference/sectors.json";
import agencies from "./reference/agencies.json";
import groups from "./reference/priority-groups.json";
import universities from "./reference/universities.json";
import centres from "./reference/centres.json";
import jobTargets from "./reference/job-targets.json";
import occupations from "./reference/occupations.json";
import technologyDomains from "./reference/technology-domains.json";
import skills from "./reference/skills.json";
import countyNeighbours from "./reference/county-neighbours.json";

// Reference data loads idempotently: existing rows (possibly renamed by an admin) are kept.
export async function seedReference(db: Kysely<any>) {
  const lists: [string, { code: string; fa: string; en: string; lead?: boolean }[]][] = [
    ["counties", counties.counties],
    ["sectors", sectors.sectors],
    ["agencies", agencies.agencies],
    ["priority_groups", groups.groups],
    ["technology_domains", technologyDomains.domains],
    ["occupations", occupations.groups],
    ["skills", skills.skills],
  ];
  for (const [table, rows] of lists) {
    await db
      .insertInto(table)
      .values(rows.map((r, i) => ({ code: r.code, name_fa: r.fa, name_en: r.en, sort_order: i, ...(table === "agencies" ? { lead: !!r.lead } : {}) })))
      .onConflict((oc) => oc.column("code").doNothing())
      .execute();
  }
  const units = [
    { kind: "directorate", code: "directorate", name_fa: "اداره کل تعاون، کار و رفاه اجتماعی آذربایجان شرقی", name_en: "East Azerbaijan Directorate General of Cooperatives, Labour and Social Welfare", county_code: counties.province.capital, centre_kind: null },
    ...universities.universities.map((u: { code: string; fa: string; en: string; county?: string }) => ({
      kind: "university", code: `uni-${u.code}`, name_fa: u.fa, name_en: u.en, county_code: u.county ?? null, centre_kind: null,
    })),
    ...centres.centres.map((c: { code: string; fa: string; en: string; county?: string; kind: string }) => ({
      kind: "centre", code: c.code, name_fa: c.fa, name_en: c.en, county_code: c.county ?? null, centre_kind: c.kind,
    })),
  ];
  await db.insertInto("org_units").values(units).onConflict((oc) => oc.column("code").doNothing()).execute();
  await seedAgencyUnits(db);
  await seedJobTargets(db);
  await seedStandingCall(db);
  await seedCountyNeighbours(db);
}

// The agencies' agenda (issue 14): one org unit per reference agency (code "agency-<code>", its
// agency_code naming the agency), where the agency's officers hold their role. Idempotent.
export async function seedAgencyUnits(db: Kysely<any>) {
  const rows = await db.selectFrom("agencies").select(["code", "name_fa", "name_en"]).execute();
  if (!rows.length) return;
  await db
    .insertInto("org_units")
    .values(rows.map((a: { code: string; name_fa: string; name_en: string }) => ({ kind: "agency", code: `agency-${a.code}`, name_fa: a.name_fa, name_en: a.name_en, agency_code: a.code })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

// Neighbouring counties (company-industry matching, issue 13): both directions of each pair whose
// counties exist. Idempotent.
export async function seedCountyNeighbours(db: Kysely<any>) {
  const known = new Set((await db.selectFrom("counties").select("code").execute()).map((c: { code: string }) => c.code));
  const rows = countyNeighbours.pairs
    .filter(([a, b]) => known.has(a) && known.has(b))
    .flatMap(([a, b]) => [{ county_code: a, neighbour_code: b }, { county_code: b, neighbour_code: a }]);
  if (rows.length) await db.insertInto("county_neighbours").values(rows).onConflict((oc) => oc.doNothing()).execute();
}

// Ideas (issue 4): the standing call is always open, so an entrepreneur can submit an idea any time.
// Idempotent: created only when no standing call exists (staff edits are kept); its unique seed_key
// makes a second process starting at the same moment insert nothing.
export async function seedStandingCall(db: Kysely<any>) {
  const has = await db.selectFrom("calls").select("id").where("standing", "=", true).executeTakeFirst();
  if (has) return;
  const call = await db
    .insertInto("calls")
    .values({
      seed_key: "standing",
      title: "فراخوان دائمی ایده‌های کارآفرینانه",
      description: "ایده‌های کارآفرینانه در هر زمان از سال پذیرفته و داوری می‌شوند.",
      theme: "کارآفرینی و اشتغال",
      standing: true,
      status: "open",
    })
    .onConflict((oc) => oc.column("seed_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!call) return; // another process seeded it a moment ago
  const rubric = [["نوآوری", 3], ["بازار و مشتری", 3], ["توان تیم", 2], ["اشتغال‌زایی", 2], ["امکان‌پذیری مالی", 1]] as const;
  await db
    .insertInto("call_criteria")
    .values(rubric.map(([label, weight], i) => ({ call_id: call.id, label, weight, position: i })))
    .execute();
}

// Job targets (employment module): each year with its revision history from the reference file.
// Idempotent: a year's revisions load only when the year has none (staff revisions are kept), each by
// its seed_key ('ref:<year>:<n>'), so two processes starting at once never load them twice.
// The reference gives no revision dates: the year's first day stands in for them.
export async function seedJobTargets(db: Kysely<any>) {
  for (const y of jobTargets.years) {
    const last = y.revisions[y.revisions.length - 1];
    await db
      .insertInto("job_targets")
      .values({ jalali_year: y.jalaliYear, starts_on: y.starts, ends_on: y.ends, current_target: last.target })
      .onConflict((oc) => oc.column("jalali_year").doNothing())
      .execute();
    const has = await db.selectFrom("job_target_revisions").select("id").where("jalali_year", "=", y.jalaliYear).executeTakeFirst();
    if (has) continue;
    await db
      .insertInto("job_target_revisions")
      .values(y.revisions.map((r, n) => ({ jalali_year: y.jalaliYear, revised_on: y.starts, amount: r.target, kind: r.kind, note_fa: r.fa, note_en: r.en, seed_key: `ref:${y.jalaliYear}:${n}` })))
      .onConflict((oc) => oc.column("seed_key").doNothing())
      .execute();
  }
}

