import { z } from "zod";
import { checkbox, int, jalaliDate, mobile, nationalId, optionalText, text } from "~/lib/forms";
import { normalise } from "~/i18n/normalise";
import { currentJalaliYear } from "~/i18n/clock";
import { weightsSchemaFor } from "~/lib/weights";
import { enterpriseSchema } from "~/modules/employment/schema";
import { SEEKER_PARTS } from "./match";
import { AVAILABILITY, CONTRACT_TYPES, EDUCATION_LEVELS, GENDERS, CHECK_METHODS, CHECK_RESULTS, PATHS, SESSION_MODES } from "./rules";

// Forms of module 7 (zod, shared by the form and the action; messages are i18n keys starting with
// "error." so parseForm keeps them). Rules needing today or other records are in rules.ts / the services.

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === "string" && v !== "" ? v : undefined), z.enum(values, { errorMap: () => ({ message: "error.required" }) }));

/** A list of codes from a checkbox group (one value arrives as a string); checked against the lists by the service. */
const codes = (max = 40) =>
  z.preprocess(
    (v) => [...new Set(([] as unknown[]).concat(v ?? []).map((s) => normalise(String(s))).filter(Boolean))],
    z.array(z.string().max(80)).max(max, "error.tooLong"),
  );

const code = () => z.preprocess((v) => normalise(typeof v === "string" ? v : ""), z.string().min(1, "error.required").max(80, "error.tooLong"));
const optionalVersion = z.preprocess((v) => (v === "" || v == null ? undefined : v), int(1).optional());
const optionalId = z.preprocess((v) => (v === "" || v == null ? undefined : v), int(1).optional());

/** The seeker's profile: registration by the person or a counsellor, and later edits. */
export const seekerSchema = z.object({
  fullName: text(200),
  nationalId: nationalId(),
  mobile: mobile(),
  birthYear: int(1300, 1500),
  gender: choice(GENDERS),
  county: code(),
  marginalArea: checkbox(),
  educationLevel: choice(EDUCATION_LEVELS),
  educationField: optionalText(200),
  occupations: codes(10),
  skills: codes(30),
  experienceYears: int(0, 60),
  desiredWork: optionalText(1000),
  desiredCounties: codes(40),
  availability: choice(AVAILABILITY),
  groups: codes(10),
  hidden: checkbox(),
  centreId: optionalId,
  version: optionalVersion,
});
export type SeekerInput = z.infer<typeof seekerSchema>;

/** A person claims the profile a counsellor registered: the same national ID and mobile. */
export const claimSchema = z.object({ nationalId: nationalId(), mobile: mobile() });

/** A counsellor confirms (or withdraws) a priority group with a note. */
export const groupSchema = z.object({ group: code(), note: text(500), confirm: checkbox() });

export const sessionSchema = z.object({
  heldOn: jalaliDate(),
  minutes: int(5, 480),
  mode: choice(SESSION_MODES),
  notes: optionalText(4000),
  nextSteps: optionalText(1000),
  nextStepDue: z.preprocess((v) => (typeof v === "string" && normalise(v) === "" ? undefined : v), jalaliDate().optional()),
  outcome: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.enum(PATHS, { errorMap: () => ({ message: "error.invalidChoice" }) }).optional()),
});
export type SessionInput = z.infer<typeof sessionSchema>;

/** Wages are typed in thousand tomans a month (10,000 rials) and stored in rials. */
export const WAGE_UNIT = 10_000;
export const vacancySchema = z.object({
  employerId: optionalId,
  title: text(200),
  description: optionalText(4000),
  occupation: code(),
  skills: codes(30),
  educationLevel: choice(EDUCATION_LEVELS),
  county: code(),
  posts: int(1, 500),
  contractType: choice(CONTRACT_TYPES),
  tempMonths: z.preprocess((v) => (v === "" || v == null ? undefined : v), int(1, 12).optional()),
  minExperience: z.preprocess((v) => (v === "" || v == null ? "0" : v), int(0, 40)),
  wageMin: int(1, 100_000_000),
  wageMax: int(1, 100_000_000),
  closesOn: jalaliDate(),
  priorityOptIn: checkbox(),
  version: optionalVersion,
});
export type VacancyInput = z.infer<typeof vacancySchema>;

export const referSchema = z.object({ vacancyId: int(1), seekerId: int(1) });
export const decideSchema = z.object({ referralId: int(1), decision: choice(["interview", "hired", "rejected"] as const), reason: optionalText(1000), version: int(1) });
export const checkSchema = z.object({ checkId: int(1), result: choice(CHECK_RESULTS), method: choice(CHECK_METHODS), note: optionalText(1000) });
export const moveSchema = z.object({ to: choice(["open", "closed", "withdrawn"] as const), version: int(1) });
export const applySchema = z.object({});
export const withdrawSchema = z.object({ referralId: int(1), version: int(1) });
export const visibilitySchema = z.object({ hidden: checkbox(), version: int(1) });

/** The dashboard's ?year= (Jalali, Persian or Latin digits): within the last ten years, else this year. */
export function dashboardYear(raw: string | null, current: number = currentJalaliYear()): number {
  const y = Number(normalise(raw ?? "") || NaN);
  return Number.isInteger(y) && y <= current && y >= current - 10 ? y : current;
}

/**
 * An employer unit (staff register it): the ledger enterprise's fields (found by registration number or
 * national ID, created when unknown, as the ledger's own form) and the unit's English name.
 */
export const employerUnitSchema = z
  .object({ ...enterpriseSchema.innerType().shape, nameEn: optionalText(200) })
  .superRefine((v, ctx) => {
    if (!v.registrationNo && !v.nationalId) ctx.addIssue({ code: "custom", path: ["registrationNo"], message: "employment.error.identityRequired" });
  });
export type EmployerUnitInput = z.infer<typeof employerUnitSchema>;

/** The match weights form (staff): a whole number 0..100 per part and the version it was read with. */
export const seekerWeightsSchema = weightsSchemaFor(SEEKER_PARTS);
