import { z } from "zod";
import { checkbox, decimal, int, jalaliDate, optionalText, text } from "~/lib/forms";
import { normalise } from "~/i18n/normalise";
import { ADVANTAGE_PROGRAMMES, ADVANTAGE_STATUSES, OBSTACLE_CATEGORIES, OBSTACLE_STATUSES, type ObstacleCategory } from "./workflow";

// Forms of the agencies' agenda (issue 14). Messages are i18n keys. Rules that need the database
// (the subject exists and the actor sees it, the agency is active) are checked by the service.

/** More jobs than this on one obstacle is a typing mistake, not a firm (field error). */
export const MAX_JOBS = 5000;

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === "string" && v !== "" ? v : undefined), z.enum(values, { errorMap: () => ({ message: "error.required" }) }));
const code = () => z.preprocess((v) => normalise(typeof v === "string" ? v : ""), z.string().min(1, "error.required").max(80, "error.tooLong"));
const jobs = () => z.preprocess((v) => (v == null || (typeof v === "string" && v.trim() === "") ? "0" : v), decimal(0, MAX_JOBS));

export const obstacleSchema = z.object({
  // Checked against the subjects registry by the service (an unknown kind is a 404, like an unseen record).
  subjectKind: z.string().max(40),
  subjectId: int(1, 2_147_483_647),
  category: choice(OBSTACLE_CATEGORIES),
  agency: code(),
  description: text(2000),
  jobsCreated: jobs(),
  jobsRetained: jobs(),
  beganOn: jalaliDate(),
});
export type ObstacleInput = z.infer<typeof obstacleSchema>;

export const transitionSchema = z.object({
  action: z.enum(["take", "assign", "start", "resolve", "unresolvable", "reopen"], { errorMap: () => ({ message: "error.invalidChoice" }) }),
  version: int(1),
  note: optionalText(2000),
  assigneeId: z.preprocess((v) => (v === "" ? undefined : v), int(1).optional()),
});
export type TransitionInput = z.infer<typeof transitionSchema>;

export const escalateSchema = z.object({ version: int(1), note: text(1000) });

export const obstacleFiltersSchema = z.object({
  agency: z.preprocess((v) => (v === "" ? undefined : v), code().optional()),
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum([...OBSTACLE_STATUSES, "active"]).optional()),
  category: z.preprocess((v) => (v === "" ? undefined : v), z.enum(OBSTACLE_CATEGORIES).optional()),
  overdue: checkbox(),
  escalated: checkbox(),
  mine: checkbox(),
});
export type ObstacleFilters = z.infer<typeof obstacleFiltersSchema>;

export const AREAS = ["rural", "urban", "both"] as const;

export const advantageSchema = z.object({
  // One of the actor's agencies (checked by the service; an officer of one agency has only that one).
  agency: code(),
  sector: code(),
  // Four digits or empty; the service gives the field its own message (agenda.error.isic).
  isic: z.preprocess((v) => normalise(typeof v === "string" ? v : "").replace(/\s/g, ""), z.string().max(8, "error.tooLong")),
  activity: text(200),
  counties: z.preprocess((v) => ([] as unknown[]).concat(v ?? []).filter((x) => typeof x === "string" && x !== ""), z.array(z.string().max(80)).min(1, "error.required").max(30)),
  area: choice(AREAS),
  description: text(4000),
  potentialJobs: decimal(0, 100_000),
  // In million rials (stored in rials).
  investment: z.preprocess((v) => (v == null || (typeof v === "string" && v.trim() === "") ? "0" : v), int(0, 100_000_000)),
  programme: choice(ADVANTAGE_PROGRAMMES),
  howToJoin: optionalText(1000),
  published: checkbox(),
});
export type AdvantageInput = z.infer<typeof advantageSchema>;

export const advantageEditSchema = advantageSchema.extend({ version: int(1) });

export const advantageFiltersSchema = z.object({
  agency: z.preprocess((v) => (v === "" ? undefined : v), code().optional()),
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(ADVANTAGE_STATUSES).optional()),
});
export type AdvantageFilters = z.infer<typeof advantageFiltersSchema>;

export function advantageFiltersFrom(url: URL): AdvantageFilters {
  const out: Record<string, unknown> = {};
  for (const k of ["agency", "status"] as const) {
    const one = advantageFiltersSchema.shape[k].safeParse(url.searchParams.get(k) ?? "");
    if (one.success && one.data) out[k] = one.data;
  }
  return out as AdvantageFilters;
}

export const advantageMoveSchema = z.object({
  action: z.enum(["study", "offer", "activate", "drop"], { errorMap: () => ({ message: "error.invalidChoice" }) }),
  version: int(1),
  programmeId: z.preprocess((v) => (v === "" ? undefined : v), int(1).optional()),
  reason: optionalText(1000),
});

/** The list's filters from the URL (anything unknown is dropped, never an error). */
export function filtersFrom(url: URL): ObstacleFilters {
  const raw = Object.fromEntries(url.searchParams);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const one = obstacleFiltersSchema.shape[k as keyof typeof obstacleFiltersSchema.shape]?.safeParse(v);
    if (one?.success) out[k] = one.data;
  }
  return { overdue: false, escalated: false, mine: false, ...out } as ObstacleFilters;
}

/** The longest service-level time a category may have (the table's check: 1..365 days). */
export const MAX_SLA_DAYS = 365;
/** The form field of a category's service-level days. */
export const slaField = (category: ObstacleCategory) => `sla_${category}` as const;
type SlaFields = { [C in ObstacleCategory as `sla_${C}`]: number };
export const slaSchema = z.object({
  stamp: z.string().max(500),
  ...(Object.fromEntries(OBSTACLE_CATEGORIES.map((c) => [slaField(c), int(1, MAX_SLA_DAYS)])) as Record<keyof SlaFields, ReturnType<typeof int>>),
});
export type SlaInput = z.infer<typeof slaSchema> & SlaFields;
