import { z } from "zod";
import { int, jalaliDate, optionalText, text } from "~/lib/forms";
import { normalise, toAsciiDigits } from "~/i18n/normalise";
import { CASE_KINDS, MILESTONE_OWNERS, MILESTONE_STATUSES, PROBLEM_AREAS, SESSION_MODES, URGENCIES } from "./workflow";

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => normalise(typeof v === "string" ? v : ""), z.enum(values, { errorMap: () => ({ message: "error.invalidChoice" }) }));

const code = () =>
  z.preprocess((v) => normalise(typeof v === "string" ? v : ""), z.string().min(1, "error.required").max(64, "error.tooLong").regex(/^[\w-]+$/, "error.invalidChoice"));

const optionalId = () =>
  z.preprocess((v) => {
    const s = toAsciiDigits(normalise(typeof v === "string" ? v : ""));
    if (s === "") return undefined;
    return /^\d{1,9}$/.test(s) ? Number(s) : NaN;
  }, z.number({ invalid_type_error: "error.invalidChoice" }).int().positive("error.invalidChoice").optional());

const id = () => int(1, 2_000_000_000);

/** A whole number where an empty field means 0. */
const zeroDefault = (max: number) => z.preprocess((v) => (v == null || (typeof v === "string" && v.trim() === "") ? "0" : v), int(0, max));

const areas = (min: number) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []),
    z.array(z.enum(PROBLEM_AREAS, { errorMap: () => ({ message: "error.invalidChoice" }) })).min(min, "error.cases.problemAreas"),
  );

const ids = () =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []).map((s) => Number(toAsciiDigits(String(s)))),
    z.array(z.number().int().positive("error.invalidChoice")).max(10, "error.invalidChoice"),
  );

export const registrationNo = () =>
  z.preprocess((v) => {
    const s = toAsciiDigits(normalise(typeof v === "string" ? v : "")).replace(/\s/g, "");
    return s === "" ? undefined : s;
  }, z.string().regex(/^[0-9A-Za-z-]{1,20}$/, "error.cases.registrationNo").optional());

/** Business-emergency intake by a signed-in entrepreneur. */
export const emergencySchema = z.object({
  firmName: text(200),
  registrationNo: registrationNo().refine((v) => !!v, "error.required"),
  county: code(),
  sector: code(),
  baselineEmployees: int(0, 100000),
  problemAreas: areas(1),
  description: text(5000),
  urgency: choice(URGENCIES),
  idempotencyKey: z.string().max(100).optional(),
});
export type EmergencyInput = z.infer<typeof emergencySchema>;

/** Staff open an acceleration or consulting case (optionally from an accepted idea). */
export const openCaseSchema = z.object({
  kind: choice(CASE_KINDS),
  ideaId: optionalId(),
  entrepreneurEmail: z.preprocess((v) => normalise(typeof v === "string" ? v : "").toLowerCase() || undefined, z.string().max(254, "error.tooLong").optional()),
  firmName: optionalText(200),
  registrationNo: registrationNo(),
  county: z.preprocess((v) => (v === "" ? undefined : v), code().optional()),
  sector: z.preprocess((v) => (v === "" ? undefined : v), code().optional()),
  centreId: optionalId(),
  baselineEmployees: zeroDefault(100000),
  description: optionalText(5000),
});
export type OpenCaseInput = z.infer<typeof openCaseSchema>;

export const assignSchema = z.object({
  version: id(),
  centreId: id(),
  leadMentorId: id(),
  coMentorIds: ids(),
  reason: optionalText(1000),
});
export type AssignInput = z.infer<typeof assignSchema>;

export const transitionSchema = z.object({
  version: id(),
  action: z.string().max(40),
  note: optionalText(2000),
});

export const diagnosisSchema = z.object({
  version: id(),
  confirmedAreas: areas(1),
  diagnosis: text(5000),
  rootCauses: optionalText(5000),
});

export const milestoneSchema = z.object({
  title: text(200),
  dueOn: jalaliDate(),
  owner: choice(MILESTONE_OWNERS),
});
export const milestoneUpdateSchema = milestoneSchema.extend({
  milestoneId: id(),
  version: id(),
  status: choice(MILESTONE_STATUSES),
});

export const sessionSchema = z.object({
  heldOn: jalaliDate(),
  minutes: int(5, 720),
  mode: choice(SESSION_MODES),
  topics: text(2000),
  nextSteps: optionalText(2000),
});

export const baselineSchema = z.object({ version: id(), baselineEmployees: int(0, 100000) });

export const bodySchema = z.object({ body: text(5000) });

export const referralSchema = z.object({ agency: code(), note: optionalText(1000) });

/** Graduating or closing: the outcome, checked for sense. */
export const outcomeSchema = z
  .object({
    version: id(),
    action: z.enum(["graduate", "close"], { errorMap: () => ({ message: "error.invalidChoice" }) }),
    registrationNo: registrationNo(),
    /** The headcount at the start, corrected on the closing form (empty keeps the case's). */
    baselineEmployees: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), int(0, 100000).optional()),
    employeesNow: int(0, 100000),
    jobsCreated: int(0, 100000),
    jobsRetained: int(0, 100000),
    revenueRials: zeroDefault(9_000_000_000_000_000),
    fundingRials: zeroDefault(9_000_000_000_000_000),
    note: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.jobsCreated > v.employeesNow) ctx.addIssue({ code: "custom", path: ["jobsCreated"], message: "error.cases.createdOverNow" });
    if (v.jobsRetained > v.employeesNow) ctx.addIssue({ code: "custom", path: ["jobsRetained"], message: "error.cases.retainedOverNow" });
    if (v.jobsCreated + v.jobsRetained > v.employeesNow) ctx.addIssue({ code: "custom", path: ["jobsRetained"], message: "error.cases.sumOverNow" });
    if (v.baselineEmployees != null && v.jobsRetained > v.baselineEmployees) ctx.addIssue({ code: "custom", path: ["jobsRetained"], message: "cases.error.retainedOverBaseline" });
    if (v.action === "close" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "error.required" });
  });
export type OutcomeInput = z.infer<typeof outcomeSchema>;

export const followUpSchema = z
  .object({
    followUpId: id(),
    employeesNow: int(0, 100000),
    jobsRetained: int(0, 100000),
    note: optionalText(2000),
  })
  .refine((v) => v.jobsRetained <= v.employeesNow, { path: ["jobsRetained"], message: "error.cases.retainedOverNow" });

/** The most active cases a mentor may be given (the mentor_capacity check allows 0..200; the screen asks for at least 1). */
export const MAX_CAPACITY = 200;

/** A mentor's active-case limit: a whole number 1..200 in Persian or Latin digits, one message for every wrong input. */
const capacityLimit = () =>
  z.preprocess(
    (v) => {
      const s = toAsciiDigits(normalise(typeof v === "string" ? v : "")).replace(/[,٬،\s]/g, "");
      if (s === "") return undefined;
      return /^\d{1,4}$/.test(s) ? Number(s) : NaN;
    },
    z.number({ required_error: "error.required", invalid_type_error: "error.cases.capacity" })
      .int("error.cases.capacity").min(1, "error.cases.capacity").max(MAX_CAPACITY, "error.cases.capacity"),
  );

/** The capacity screen's row form; `version` 0 means the mentor still has the default limit (no row yet). */
export const capacitySchema = z.object({ mentorId: id(), maxActive: capacityLimit(), version: int(0, 2_000_000_000) });
export type CapacityInput = z.infer<typeof capacitySchema>;

/** List filters (from the URL). */
// mentor = a mentor's id (links from the staff home and the capacity page); mentorName = part of a
// mentor's name typed in the list's filter (a select of every mentor was a quarter of the page).
export const FILTER_KEYS = ["kind", "status", "centre", "mentor", "mentorName", "county", "sector", "overdue", "q"] as const;
export type CaseFilters = Partial<Record<(typeof FILTER_KEYS)[number], string>> & { after?: number };
export function filtersFrom(url: URL): CaseFilters {
  const f: CaseFilters = {};
  for (const k of FILTER_KEYS) {
    const v = normalise(url.searchParams.get(k) ?? "");
    if (v) f[k] = v.slice(0, 100);
  }
  for (const k of ["centre", "mentor"] as const) {
    if (f[k] && !(/^\d{1,10}$/.test(f[k]!) && Number(f[k]) <= 2_147_483_647)) delete f[k];
  }
  const after = Number(toAsciiDigits(url.searchParams.get("after") ?? ""));
  if (Number.isInteger(after) && after > 0 && after <= 2_147_483_647) f.after = after;
  return f;
}
