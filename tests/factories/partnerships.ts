// Knowledge-based companies, industries and challenges for tests, made through the module's own
// services and forms (schema parse included), so a factory never writes a row the app could not.
import crypto from "node:crypto";
import { parseForm } from "~/lib/forms";
import { addDays, todayTehran } from "~/i18n/clock";
import { toJalaliInput } from "~/i18n/format";
import type { UserActor } from "~/modules/accounts/actor.server";
import { createChallenge, transitionChallenge } from "~/modules/partnerships/challenges.server";
import { saveCompany, saveIndustry, verifyCertificate } from "~/modules/partnerships/profiles.server";
import { challengeSchema, companySchema, industrySchema, proposalSchema } from "~/modules/partnerships/schema";
import { actorFor, createUser } from "./index";

type Values = Record<string, string | string[]>;

export function form(values: Values) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of ([] as string[]).concat(v)) f.append(k, x);
  return f;
}

function parsed<S extends Parameters<typeof parseForm>[0]>(schema: S, values: Values) {
  const p = parseForm(schema, form(values));
  if (!p.ok) throw new Error(`factory input refused: ${JSON.stringify(p.errors)}`);
  return p.data;
}

export const jalaliInDays = (days: number) => toJalaliInput(addDays(todayTehran(), days));
export const regNo = () => String(10_000_000_000 + crypto.randomInt(0, 1_000_000_000));

export const companyValues = (over: Values = {}): Values => ({
  name: "شرکت فناوران کیفیت", registrationNo: regNo(), certificateNo: "1401-" + crypto.randomInt(1000, 9999), certificateType: "type1",
  certificateExpiresOn: jalaliInDays(365), county: "tabriz", sector: "M", sectorsServed: ["C"], domains: ["automation-robotics", "ai-software"],
  employees: "12", portfolio: "سامانه بازرسی تصویری برای یک کارخانه قطعه‌سازی", ...over,
});
export const companyInput = (over: Values = {}) => parsed(companySchema, companyValues(over));

export const industryValues = (over: Values = {}): Values => ({
  name: "کارخانه قطعه‌سازی آذر", registrationNo: regNo(), sector: "C", sizeClass: "medium", county: "tabriz", employees: "120",
  mainProducts: "قطعات ریخته‌گری خودرو", ...over,
});
export const industryInput = (over: Values = {}) => parsed(industrySchema, industryValues(over));

export const challengeValues = (over: Values = {}): Values => ({
  category: "quality", title: "کاهش ضایعات خط ریخته‌گری", description: "ضایعات قطعات ریخته‌گری زیاد است و بازرسی دستی کند است.",
  currentFigures: "نرخ ضایعات ۶٪", expectedResult: "کاهش نرخ ضایعات از ۶٪ به ۲٪", budgetMin: "500", budgetMax: "2000",
  deadline: jalaliInDays(30), visibility: "verified", domains: ["automation-robotics", "quality-testing"], ...over,
});
export const challengeInput = (over: Values = {}) => parsed(challengeSchema, challengeValues(over));

export const proposalValues = (over: Values = {}): Values => ({
  approach: "بازرسی تصویری خودکار با یادگیری ماشین", workPlan: "نصب دوربین، جمع‌آوری داده، آموزش مدل، راه‌اندازی",
  price: "1500", durationWeeks: "20", team: "سه مهندس بینایی ماشین و یک کارشناس کیفیت",
  milestoneTitle: ["نصب دوربین‌ها", "راه‌اندازی مدل"], milestoneWeek: ["6", "20"], ...over,
});
export const proposalInput = (over: Values = {}) => parsed(proposalSchema, proposalValues(over));

/** A company registered by staff (verified unless told otherwise) and one representative. */
export async function makeCompany(staff: UserActor, over: Values = {}, opts: { verified?: boolean } = {}) {
  const id = await saveCompany(staff, null, companyInput(over));
  if (opts.verified !== false) await verifyCertificate(staff, id);
  const rep = await actorFor((await createUser({ role: "company_rep", unit: id })).id);
  return { id, rep };
}

/** An industry registered by staff and one representative. */
export async function makeIndustry(staff: UserActor, over: Values = {}) {
  const id = await saveIndustry(staff, null, industryInput(over));
  const rep = await actorFor((await createUser({ role: "industry_rep", unit: id })).id);
  return { id, rep };
}

/** An open challenge of the representative's industry. */
export async function openChallenge(rep: UserActor, over: Values = {}) {
  const id = await createChallenge(rep, challengeInput(over));
  await transitionChallenge(rep, id, "publish", {});
  return id;
}
