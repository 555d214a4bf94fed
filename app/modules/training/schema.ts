import { z } from "zod";
import { int, jalaliDate, mobile, nationalId, optionalText, text } from "~/lib/forms";
import { normalise, normaliseText } from "~/i18n/normalise";
import { CHECK_METHODS, CHECK_OUTCOMES } from "./rules";
import { COURSE_ACTIONS, RESULTS } from "./workflow";

// Forms of skills training (issue 16). Messages are i18n keys; rules over several fields are in rules.ts.

export const PROVIDER_TYPES = ["public_tvto", "private_institute", "university"] as const;
export const MODES = ["in_person", "online", "workshop"] as const;
export const EDUCATION = ["none", "primary", "secondary", "diploma", "associate", "bachelor", "master"] as const;
export const GENDERS = ["female", "male"] as const;

export const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === "string" && v !== "" ? v : undefined), z.enum(values, { errorMap: () => ({ message: "error.required" }) }));

/** A reference-list code, checked against the list by the service. */
export const code = () => z.preprocess((v) => normalise(typeof v === "string" ? v : ""), z.string().min(1, "error.required").max(80, "error.tooLong"));
const optionalCode = () => z.preprocess((v) => (typeof v === "string" && normalise(v) !== "" ? normalise(v) : undefined), z.string().max(80, "error.tooLong").optional());
const codes = (max: number) =>
  z.preprocess((v) => ([] as unknown[]).concat(v ?? []).filter((x) => typeof x === "string" && x !== "").map((x) => normalise(x as string)),
    z.array(z.string().max(80, "error.tooLong")).max(max, "error.invalidChoice"));
const optionalInt = (min: number, max: number) => z.preprocess((v) => (typeof v === "string" && normalise(v) === "" ? undefined : v), int(min, max).optional());

export const providerSchema = z.object({
  nameFa: text(200),
  nameEn: text(200),
  providerType: choice(PROVIDER_TYPES),
  county: code(),
  phone: optionalText(40),
  address: optionalText(500),
});
export type ProviderInput = z.infer<typeof providerSchema>;

const courseShape = {
  title: text(200),
  description: optionalText(3000),
  occupation: code(),
  skills: codes(20),
  // Hours of zero are a field error of their own (issue 16), not "too small".
  hours: int(0, 5000).refine((h) => h > 0, "error.training.hoursZero"),
  mode: choice(MODES),
  county: code(),
  startsOn: jalaliDate(),
  endsOn: jalaliDate(),
  capacity: int(1, 2000),
  fee: z.preprocess((v) => (v == null || (typeof v === "string" && normalise(v) === "") ? "0" : v), int(0, 1_000_000_000_000)),
  priorityGroups: codes(20),
  minEducation: choice(EDUCATION),
};
export const courseSchema = z.object({ ...courseShape, provider: optionalInt(1, 2_147_483_647) });
export type CourseInput = z.infer<typeof courseSchema>;
export const courseEditSchema = z.object({ ...courseShape, version: int(1) });

export const stepSchema = z.object({
  step: z.enum(COURSE_ACTIONS, { errorMap: () => ({ message: "error.invalidChoice" }) }),
  version: int(1),
});

/** A counsellor, staff or the provider enrols someone: who they are (an account is optional). */
export const enrolSchema = z.object({
  nationalId: nationalId(),
  fullName: text(200),
  gender: choice(GENDERS),
  mobile: mobile(),
  priorityGroup: optionalCode(),
});
export type EnrolInput = z.infer<typeof enrolSchema>;

/** Someone applies for themselves (their account gives name and national ID when it has them). */
export const applySchema = z.object({
  nationalId: nationalId(),
  gender: choice(GENDERS),
  mobile: mobile(),
  priorityGroup: optionalCode(),
});
export type ApplyInput = z.infer<typeof applySchema>;

export const versionSchema = z.object({ version: int(1) });
export const withdrawSchema = z.object({ enrolment: int(1, 2_147_483_647), version: int(1) });

export const attendanceSchema = z.object({
  attendancePct: optionalInt(0, 1000),
  sessionsAttended: optionalInt(0, 1000),
  sessionsTotal: optionalInt(1, 1000),
  version: int(1),
});

export const resultSchema = z.object({
  result: choice(RESULTS),
  certificateNo: optionalText(40),
  version: int(1),
});
export type ResultInput = z.infer<typeof resultSchema>;

export const checkSchema = z.object({
  outcome: choice(CHECK_OUTCOMES),
  wage: optionalInt(1, 10_000_000_000),
  method: choice(CHECK_METHODS),
  note: optionalText(1000),
  version: int(1),
});
export type CheckInput = z.infer<typeof checkSchema>;
export const checkFormSchema = checkSchema.extend({ check: int(1, 2_147_483_647) });

/** Filters of the course list, from the URL (unknown values are dropped, never an error). */
export interface CourseFilters {
  status?: string;
  county?: string;
  provider?: number;
  occupation?: string;
  q?: string;
}
export function courseFiltersFrom(url: URL): CourseFilters {
  const p = url.searchParams;
  const c = (k: string) => {
    const v = normalise(p.get(k) ?? "");
    return v && /^[\w-]{1,80}$/.test(v) ? v : undefined;
  };
  const provider = Number(normalise(p.get("provider") ?? ""));
  const q = normalise(p.get("q") ?? "").slice(0, 100);
  return { status: c("status"), county: c("county"), occupation: c("occupation"), provider: Number.isInteger(provider) && provider > 0 && provider < 2 ** 31 ? provider : undefined, q: q || undefined };
}

/**
 * The results sheet of a course: one row per accepted person, sent as parallel lists (enrolment id,
 * result or empty, certificate number, version). Errors are keyed by the row's position.
 */
const list = z.preprocess((v) => ([] as unknown[]).concat(v ?? []).map((x) => (typeof x === "string" ? x : "")), z.array(z.string().max(80, "error.tooLong")).max(500, "error.tooLong"));
export const resultsSchema = z
  .object({ enrolment: list, result: list, certificateNo: list, version: list })
  .superRefine((v, ctx) => {
    v.enrolment.forEach((id, i) => {
      if (!/^\d{1,9}$/.test(normalise(id)) || !/^\d{1,9}$/.test(normalise(v.version[i] ?? ""))) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["_form"], message: "error.badForm" });
      const r = v.result[i] ?? "";
      if (r !== "" && !(RESULTS as readonly string[]).includes(r)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["result", String(i)], message: "error.invalidChoice" });
    });
  })
  .transform((v) => ({
    rows: v.enrolment.map((id, i) => ({
      enrolment: Number(normalise(id)),
      result: (v.result[i] || null) as (typeof RESULTS)[number] | null,
      certificateNo: normaliseText(v.certificateNo[i] ?? "").trim() || null,
      version: Number(normalise(v.version[i] ?? "0")),
    })),
  }));
export type ResultsInput = z.infer<typeof resultsSchema>;
