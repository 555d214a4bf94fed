import { z } from "zod";
import { checkbox, decimal, int, jalaliDate, optionalText, text } from "~/lib/forms";
import { normalise, toAsciiDigits } from "~/i18n/normalise";
import { SIZE_CLASSES } from "~/modules/employment/schema";
import { weightsSchemaFor } from "~/lib/weights";
import { MATCH_PARTS, MAX_WEIGHT } from "./match";
import { CERTIFICATE_TYPES, CHALLENGE_CATEGORIES, METRICS, VISIBILITIES } from "./workflow";

// Forms of module 4 (zod, shared by the form and the action; messages are i18n keys).
// Money is typed in million rials and stored in rials (bigint).

export const MILLION = 1_000_000;
/** Budgets, prices and contract values: 1 to 10,000,000 million rials (10^13 rials). */
export const MAX_MILLION_RIALS = 10_000_000;
/** A budget range wider than this factor says nothing. */
export const MAX_BUDGET_SPREAD = 100;
export const MAX_MILESTONE_ROWS = 12;

const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { errorMap: () => ({ message: "error.invalidChoice" }) });

/** A list of codes from a checkbox group or a multiple select (one value arrives as a string). */
const codes = (min: number, message: string) =>
  z.preprocess(
    (v) => [...new Set(([] as unknown[]).concat(v ?? []).map((s) => normalise(String(s))).filter(Boolean))],
    z.array(z.string().max(80)).min(min, message).max(40, "error.tooLong"),
  );

const registrationNo = () =>
  z.preprocess(
    (v) => toAsciiDigits(normalise(typeof v === "string" ? v : "")).replace(/\s/g, ""),
    z.string().min(1, "error.required").regex(/^[0-9A-Za-z-]{1,20}$/, "error.partnerships.registrationNo"),
  );

const certificateNo = () =>
  z.preprocess(
    (v) => toAsciiDigits(normalise(typeof v === "string" ? v : "")).replace(/\s/g, ""),
    z.string().min(1, "error.required").regex(/^[0-9A-Za-z/-]{3,30}$/, "error.partnerships.certificateNo"),
  );

const optionalVersion = z.preprocess((v) => (v === "" || v == null ? undefined : v), int(1).optional());
const optionalId = z.preprocess((v) => (v === "" || v == null ? undefined : v), int(1).optional());

export const companySchema = z.object({
  name: text(200),
  nameEn: optionalText(200),
  registrationNo: registrationNo(),
  certificateNo: certificateNo(),
  certificateType: choice(CERTIFICATE_TYPES),
  certificateExpiresOn: jalaliDate(),
  county: text(80),
  sector: text(80),
  sectorsServed: codes(1, "error.partnerships.sectorsRequired"),
  domains: codes(1, "error.partnerships.domainsRequired"),
  employees: int(0, 100_000),
  portfolio: optionalText(4000),
  version: optionalVersion,
});
export type CompanyInput = z.infer<typeof companySchema>;

export const industrySchema = z.object({
  name: text(200),
  nameEn: optionalText(200),
  registrationNo: registrationNo(),
  sector: text(80),
  sizeClass: choice(SIZE_CLASSES),
  county: text(80),
  employees: int(0, 1_000_000),
  mainProducts: text(2000),
  version: optionalVersion,
});
export type IndustryInput = z.infer<typeof industrySchema>;

export const challengeSchema = z
  .object({
    industryId: optionalId,
    category: choice(CHALLENGE_CATEGORIES),
    title: text(200),
    description: text(5000),
    currentFigures: optionalText(2000),
    expectedResult: text(1000),
    budgetMin: int(1, MAX_MILLION_RIALS),
    budgetMax: int(1, MAX_MILLION_RIALS),
    deadline: jalaliDate(),
    visibility: choice(VISIBILITIES),
    domains: codes(1, "error.partnerships.domainsRequired"),
    version: optionalVersion,
  })
  .superRefine((v, ctx) => {
    if (v.budgetMax < v.budgetMin) ctx.addIssue({ code: "custom", path: ["budgetMax"], message: "error.partnerships.budgetReversed" });
    else if (v.budgetMax > v.budgetMin * MAX_BUDGET_SPREAD) ctx.addIssue({ code: "custom", path: ["budgetMax"], message: "error.partnerships.budgetTooWide" });
  });
export type ChallengeInput = z.infer<typeof challengeSchema>;

/** Rows of a repeated field group: every value of `name` (one value arrives as a string). */
const rows = z.preprocess((v) => ([] as unknown[]).concat(v ?? []).map((s) => (typeof s === "string" ? s : "")), z.array(z.string()));

export const proposalSchema = z
  .object({
    companyId: optionalId,
    approach: text(5000),
    workPlan: text(5000),
    price: int(1, MAX_MILLION_RIALS),
    durationWeeks: int(1, 520),
    team: text(2000),
    milestoneTitle: rows,
    milestoneWeek: rows,
  })
  .transform((v, ctx) => {
    const milestones: { title: string; week: number }[] = [];
    const n = Math.max(v.milestoneTitle.length, v.milestoneWeek.length);
    let bad = false;
    const issue = (path: string, message: string) => {
      bad = true;
      ctx.addIssue({ code: "custom", path: [path], message });
    };
    for (let i = 0; i < n; i++) {
      const title = normalise(v.milestoneTitle[i] ?? "");
      const weekRaw = toAsciiDigits(normalise(v.milestoneWeek[i] ?? ""));
      if (!title && !weekRaw) continue; // an empty row
      const week = /^\d{1,3}$/.test(weekRaw) ? Number(weekRaw) : NaN;
      if (!title) issue("milestoneTitle", "error.partnerships.milestoneTitle");
      else if (title.length > 200) issue("milestoneTitle", "error.tooLong");
      else if (!Number.isInteger(week) || week < 1) issue("milestoneWeek", "error.partnerships.milestoneWeek");
      else if (week > v.durationWeeks) issue("milestoneWeek", "error.partnerships.milestoneAfterEnd");
      else milestones.push({ title, week });
    }
    if (milestones.length === 0 && !bad) issue("milestoneTitle", "error.partnerships.milestonesRequired");
    if (milestones.length > MAX_MILESTONE_ROWS) issue("milestoneTitle", "error.partnerships.tooManyMilestones");
    return { companyId: v.companyId, approach: v.approach, workPlan: v.workPlan, price: v.price, durationWeeks: v.durationWeeks, team: v.team, milestones };
  });
export type ProposalInput = z.infer<typeof proposalSchema>;

export const noteSchema = z.object({ note: optionalText(1000), version: optionalVersion });
export const inviteSchema = z.object({ companyId: int(1) });
export const messageSchema = z.object({ body: text(2000), parentId: optionalId });

export const signSchema = z
  .object({
    contractValue: int(1, MAX_MILLION_RIALS),
    startsOn: jalaliDate(),
    endsOn: jalaliDate(),
    scope: text(5000),
    version: optionalVersion,
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "error.partnerships.endBeforeStart" });
  });
export type SignInput = z.infer<typeof signSchema>;

export const milestoneSchema = z.object({ title: text(200), dueOn: jalaliDate() });
export const milestoneStepSchema = z.object({ milestoneId: int(1), note: optionalText(1000) });

const NUMBER_LIMIT = 1e13;
export const resultSchema = z
  .object({
    metric: choice(METRICS),
    label: optionalText(200),
    unit: optionalText(40),
    baseline: decimal(-NUMBER_LIMIT, NUMBER_LIMIT),
    target: decimal(-NUMBER_LIMIT, NUMBER_LIMIT),
  })
  .superRefine((v, ctx) => {
    if (v.target === v.baseline) ctx.addIssue({ code: "custom", path: ["target"], message: "error.partnerships.targetEqualsBaseline" });
  });
export type ResultInput = z.infer<typeof resultSchema>;

export const measureSchema = z.object({ resultId: int(1), measured: decimal(-NUMBER_LIMIT, NUMBER_LIMIT) });

const jobs = () => z.preprocess((v) => (v == null || (typeof v === "string" && v.trim() === "") ? "0" : v), int(0, 10_000));
export const completeSchema = z.object({
  companyFullTime: jobs(),
  companyPartTime: jobs(),
  companyWomen: jobs(),
  industryFullTime: jobs(),
  industryPartTime: jobs(),
  industryWomen: jobs(),
  publishConsent: checkbox(),
  note: optionalText(1000),
  version: optionalVersion,
}).superRefine((v, ctx) => {
  // Women are counted like the ledger counts jobs: a part-time job is half of one.
  if (v.companyWomen > v.companyFullTime + v.companyPartTime / 2) ctx.addIssue({ code: "custom", path: ["companyWomen"], message: "error.partnerships.womenOverJobs" });
  if (v.industryWomen > v.industryFullTime + v.industryPartTime / 2) ctx.addIssue({ code: "custom", path: ["industryWomen"], message: "error.partnerships.womenOverJobs" });
});
export type CompleteInput = z.infer<typeof completeSchema>;
export const consentSchema = z.object({ publishConsent: checkbox() });

export const weightsSchema = weightsSchemaFor(MATCH_PARTS, MAX_WEIGHT);

export const verifySchema = z.object({ version: optionalVersion });

/** Staff list filters (from the URL). */
export const CHALLENGE_FILTERS = ["status", "category"] as const;
