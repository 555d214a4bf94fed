import { z } from "zod";
import { checkbox, int, optionalText, text } from "~/lib/forms";
import { normalise, normaliseText, toAsciiDigits } from "~/i18n/normalise";
import { parseJalaliDate } from "~/i18n/format";
import { ACCEPTED_PATHS } from "./workflow";

export const STAGES = ["idea", "prototype", "mvp", "revenue"] as const;
export const ORIGINS = ["own", "chair", "cooperative"] as const;
export const RECOMMENDATIONS = ["accept", "revise", "reject"] as const;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => {
    const s = normalise(typeof v === "string" ? v : "");
    return s === "" ? undefined : s;
  }, z.enum(values, { errorMap: () => ({ message: "error.invalidChoice" }) }).optional());

const optionalCode = () =>
  z.preprocess((v) => {
    const s = normalise(typeof v === "string" ? v : "");
    return s === "" ? undefined : s;
  }, z.string().max(64, "error.tooLong").regex(/^[\w-]+$/, "error.invalidChoice").optional());

/** An optional whole number (empty = not given); digits in any script, thousands separators allowed. */
const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => {
      const s = normalise(typeof v === "string" ? v : "").replace(/[,٬،\s]/g, "");
      if (s === "") return undefined;
      return /^-?\d{1,19}$/.test(s) ? Number(s) : NaN;
    },
    z.number({ invalid_type_error: "error.invalidNumber" }).int("error.invalidNumber").min(min, "error.numberTooSmall").max(max, "error.numberTooLarge").optional(),
  );

const optionalJalali = () =>
  z.preprocess((v) => {
    const s = normalise(typeof v === "string" ? v : "");
    if (s === "") return undefined;
    return parseJalaliDate(s) ?? "invalid";
  }, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "error.invalidDate").optional());

/** A draft: only the title is needed; everything else may come later. */
export const ideaDraftSchema = z.object({
  callId: int(1, 2_000_000_000),
  title: text(200),
  summary: optionalText(500),
  problem: optionalText(5000),
  solution: optionalText(5000),
  market: optionalText(5000),
  sectorCode: optionalCode(),
  countyCode: optionalCode(),
  stage: optionalEnum(STAGES),
  knowledgeBased: checkbox(),
  expectedJobs: optionalInt(0, 100_000),
  fundingRials: optionalInt(0, 9_000_000_000_000),
  team: optionalText(2000),
  originKind: optionalEnum(ORIGINS),
  originRef: optionalText(200),
  version: optionalInt(1, 2_000_000_000),
  idempotencyKey: z.preprocess((v) => (typeof v === "string" && v !== "" ? v : undefined), z.string().max(100).optional()),
});
export type IdeaDraft = z.infer<typeof ideaDraftSchema>;

/** Submitting checks every field: returns field errors (message keys), empty when complete. */
export function missingForSubmit(d: IdeaDraft): Record<string, string> {
  const e: Record<string, string> = {};
  for (const k of ["summary", "problem", "solution", "market", "sectorCode", "countyCode", "stage", "team", "originKind"] as const) {
    if (d[k] == null || d[k] === "") e[k] = "error.required";
  }
  if (d.expectedJobs == null) e.expectedJobs = "error.required";
  if (d.fundingRials == null) e.fundingRials = "error.required";
  if ((d.originKind === "chair" || d.originKind === "cooperative") && !d.originRef) e.originRef = "error.required";
  return e;
}

export const transitionSchema = z.object({
  version: int(1, 2_000_000_000),
  note: optionalText(2000),
  path: optionalEnum(ACCEPTED_PATHS),
  /** The case's centre when accepting with acceleration or consulting; empty = the idea's county's centre. */
  centreId: z.preprocess((v) => {
    const s = toAsciiDigits(normalise(typeof v === "string" ? v : ""));
    return s === "" ? undefined : /^\d{1,9}$/.test(s) ? Number(s) : NaN;
  }, z.number({ invalid_type_error: "error.invalidChoice" }).int().positive("error.invalidChoice").optional()),
});

export const assignSchema = z.object({
  reviewerIds: z.preprocess(
    (v) => ([] as unknown[]).concat(v ?? []).filter((x) => x !== ""),
    z.array(int(1, 2_000_000_000)).min(1, "error.ideas.pickReviewers").max(10, "error.tooLong"),
  ),
});

export const recuseSchema = z.object({ reason: text(1000) });

/** Scores come as score_<criterionId> = 0..5 | "na"; parsed in the service against the call's rubric. */
export const reviewSchema = z.object({
  comments: text(5000),
  privateNotes: optionalText(5000),
  recommendation: z.enum(RECOMMENDATIONS, { errorMap: () => ({ message: "error.required" }) }),
  version: int(1, 2_000_000_000),
});

const scoreField = z.preprocess(
  (v) => normalise(typeof v === "string" ? v : ""),
  z.string().min(1, "error.required").regex(/^(?:[0-5]|na)$/, "error.invalidChoice"),
);

/** The review form of one rubric: the fields above plus score_<criterionId>, parsed to `scores` (na: null). */
export function reviewFormSchema(criterionIds: number[]) {
  const scores = z.object(Object.fromEntries(criterionIds.map((id) => [`score_${id}`, scoreField])) as Record<string, typeof scoreField>);
  return reviewSchema.and(scores).transform((v) => {
    const raw = v as unknown as Record<string, string>;
    return {
      comments: v.comments, privateNotes: v.privateNotes, recommendation: v.recommendation, version: v.version,
      scores: Object.fromEntries(criterionIds.map((id) => [id, raw[`score_${id}`] === "na" ? null : Number(raw[`score_${id}`])])) as Record<number, number | null>,
    };
  });
}

const criterionLine = /^(.+?)[\s]*[|:،,][\s]*([0-9۰-۹٠-٩]{1,3})$/;

/** The rubric is typed one criterion a line: "label | weight" (weight 1-100, default 1). */
export function parseRubric(raw: string): { label: string; weight: number }[] | null {
  // Labels are kept as typed (digits too); the weight is read in any digit script.
  const lines = normaliseText(raw).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const out: { label: string; weight: number }[] = [];
  for (const l of lines) {
    const m = criterionLine.exec(l);
    const label = m ? m[1].trim() : l;
    const weight = m ? Number(toAsciiDigits(m[2])) : 1;
    if (!label || label.length > 200 || weight < 1 || weight > 100) return null;
    out.push({ label, weight });
  }
  return out.length ? out : null;
}

export const callSchema = z.object({
  title: text(200),
  description: optionalText(5000),
  theme: optionalText(200),
  sectorCodes: z.preprocess((v) => ([] as unknown[]).concat(v ?? []).filter((x) => x !== ""), z.array(z.string().max(64).regex(/^[\w-]+$/, "error.invalidChoice"))),
  countyCodes: z.preprocess((v) => ([] as unknown[]).concat(v ?? []).filter((x) => x !== ""), z.array(z.string().max(64).regex(/^[\w-]+$/, "error.invalidChoice"))),
  opensOn: optionalJalali(),
  closesOn: optionalJalali(),
  standing: checkbox(),
  blind: checkbox(),
  reviewersPerIdea: int(1, 10),
  reviewDueDays: int(1, 90),
  rubric: text(5000),
  version: optionalInt(1, 2_000_000_000),
});
export type CallInput = z.infer<typeof callSchema>;

/** The form shows a university list and a cooperative name; the one matching the origin becomes originRef. */
export function withOriginRef(form: FormData): FormData {
  const kind = form.get("originKind");
  const ref = kind === "chair" ? form.get("originUniversity") : kind === "cooperative" ? form.get("originCooperative") : null;
  form.delete("originRef");
  if (typeof ref === "string") form.set("originRef", ref);
  return form;
}
