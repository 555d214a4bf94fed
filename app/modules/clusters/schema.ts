import { z } from "zod";
import { int, jalaliDate, optionalText, text } from "~/lib/forms";
import { normalise, normaliseNationalId, isValidNationalId, toAsciiDigits } from "~/i18n/normalise";
import { PROJECT_KINDS, PROJECT_STATUSES, STAGES } from "./workflow";

// Forms of the clusters module (decision 0039). Messages are i18n keys.

export const MAX_BUDGET = 100_000_000_000_000; // 10^14 rials
const many = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v == null || v === "" ? [] : [String(v)]);
const code = () => z.preprocess((v) => normalise(typeof v === "string" ? v : ""), z.string().min(1, "error.required").max(20, "error.tooLong").regex(/^[A-Za-z0-9_-]+$/, "error.invalidChoice"));
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { errorMap: () => ({ message: "error.required" }) });
const optionalDate = () => z.preprocess((v) => (typeof v === "string" && normalise(v).trim() === "" ? undefined : v), jalaliDate().optional());
const amount = (max: number) => z.preprocess((v) => {
  const s = normalise(typeof v === "string" ? v : "").replace(/[,٬،\s]/g, "");
  if (s === "") return 0;
  return /^\d+$/.test(s) ? Number(s) : NaN;
}, z.number({ invalid_type_error: "error.invalidNumber" }).int("error.invalidNumber").min(0, "error.numberTooSmall").max(max, "error.numberTooLarge"));

export const clusterSchema = z.object({
  name: text(200),
  product: text(200),
  sector: code(),
  counties: z.preprocess((v) => many(v).map((s) => normalise(s)).filter(Boolean), z.array(z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, "error.invalidChoice")).min(1, "cluster.error.countyRequired").max(30, "error.tooLong")),
  /** The cluster unit (asked only when the actor may create clusters in several units). */
  unit: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), int(1, 2_147_483_647).optional()),
});
export type ClusterInput = z.infer<typeof clusterSchema>;

export const moveSchema = z.object({
  to: choice(STAGES),
  on: jalaliDate(),
  note: text(2000),
  version: int(1),
});
export type MoveInput = z.infer<typeof moveSchema>;

export const diagnosisSchema = z.object({
  strengths: optionalText(4000),
  weaknesses: optionalText(4000),
  needs: optionalText(4000),
  version: int(1),
});
export type DiagnosisInput = z.infer<typeof diagnosisSchema>;

const registrationNo = () =>
  z.preprocess((v) => {
    const s = toAsciiDigits(normalise(typeof v === "string" ? v : "")).replace(/\s/g, "");
    return s === "" ? undefined : s;
  }, z.string().regex(/^[0-9A-Za-z-]{1,20}$/, "employment.error.registrationNo").optional());
const optionalNationalId = () =>
  z.preprocess((v) => {
    const s = normaliseNationalId(typeof v === "string" ? v : "");
    return s === "" ? undefined : s;
  }, z.string().refine(isValidNationalId, "error.invalidNationalId").optional());

export const FIRM_KINDS = ["company", "cooperative", "self_employed", "home_business", "other"] as const;

/** A member firm: found in the ledger by registration number or national ID, created when unknown. */
export const firmSchema = z
  .object({
    registrationNo: registrationNo(),
    nationalId: optionalNationalId(),
    name: text(200),
    kind: choice(FIRM_KINDS),
    county: code(),
    sector: code(),
    joinedOn: jalaliDate(),
  })
  .superRefine((v, ctx) => {
    if (!v.registrationNo && !v.nationalId) ctx.addIssue({ code: "custom", path: ["registrationNo"], message: "employment.error.identityRequired" });
  });
export type FirmInput = z.infer<typeof firmSchema>;

export const leaveSchema = z.object({ firmId: int(1, 2_147_483_647), leftOn: jalaliDate() });

const ids = () => z.preprocess((v) => many(v).map((s) => normalise(s)), z.array(z.string().regex(/^\d{1,10}$/, "error.invalidChoice").transform(Number)).max(500, "error.tooLong"));

export const projectSchema = z.object({
  kind: choice(PROJECT_KINDS),
  title: text(200),
  budget: amount(MAX_BUDGET),
  startsOn: jalaliDate(),
  endsOn: optionalDate(),
  firms: ids(),
});
export type ProjectInput = z.infer<typeof projectSchema>;

export const projectMoveSchema = z.object({
  to: choice(PROJECT_STATUSES),
  results: optionalText(4000),
  note: optionalText(2000),
  version: int(1),
});
export type ProjectMoveInput = z.infer<typeof projectMoveSchema>;

export const participantsSchema = z.object({ firms: ids(), version: int(1) });
export type ParticipantsInput = z.infer<typeof participantsSchema>;

/** Editing a cluster after creation: its name, product and counties (decision 0039 keeps the sector and unit). */
export const clusterEditSchema = clusterSchema.pick({ name: true, product: true, counties: true }).extend({ version: int(1) });
export type ClusterEditInput = z.infer<typeof clusterEditSchema>;

export const jobsSchema = z.object({
  firmId: int(1, 2_147_483_647),
  fullTime: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? "0" : v), int(0, 10_000)),
  partTime: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? "0" : v), int(0, 10_000)),
  asOf: jalaliDate(),
});
export type JobsInput = z.infer<typeof jobsSchema>;
