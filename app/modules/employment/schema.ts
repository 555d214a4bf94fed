import { z } from "zod";
import { int, jalaliDate, optionalText, text } from "~/lib/forms";
import { isValidNationalId, normalise, normaliseNationalId, toAsciiDigits } from "~/i18n/normalise";

export const ENTERPRISE_KINDS = ["company", "cooperative", "self_employed", "home_business", "other"] as const;
export const SIZE_CLASSES = ["micro", "small", "medium", "large"] as const;
/** Programmes that report jobs (the source breakdown of the dashboard). */
export const PROGRAMMES = ["ideas", "cases", "cooperatives", "clusters", "partnerships", "chairs", "placements", "micro", "training", "other"] as const;
export type Programme = (typeof PROGRAMMES)[number];
export const TARGET_KINDS = ["commitment", "raised", "lowered", "correction"] as const;
export const ALLOCATION_DIMENSIONS = ["agency", "county", "programme"] as const;

const optionalCode = () =>
  z.preprocess((v) => {
    const s = normalise(typeof v === "string" ? v : "");
    return s === "" ? undefined : s;
  }, z.string().max(80).optional());

export const optionalNationalId = () =>
  z.preprocess(
    (v) => {
      const s = normaliseNationalId(typeof v === "string" ? v : "");
      return s === "" ? undefined : s;
    },
    z.string().refine(isValidNationalId, "error.invalidNationalId").optional(),
  );

const registrationNo = () =>
  z.preprocess((v) => {
    const s = toAsciiDigits(normalise(typeof v === "string" ? v : "")).replace(/\s/g, "");
    return s === "" ? undefined : s;
  }, z.string().regex(/^[0-9A-Za-z-]{1,20}$/, "employment.error.registrationNo").optional());

export const enterpriseSchema = z
  .object({
    name: text(200),
    registrationNo: registrationNo(),
    nationalId: optionalNationalId(),
    kind: z.enum(ENTERPRISE_KINDS, { errorMap: () => ({ message: "error.required" }) }),
    county: text(80),
    sector: text(80),
    agency: optionalCode(),
    sizeClass: z.enum(SIZE_CLASSES, { errorMap: () => ({ message: "error.required" }) }),
    baselineHeadcount: z.preprocess((v) => (v == null || (typeof v === "string" && v.trim() === "") ? "0" : v), int(0, 100000)),
  })
  .superRefine((v, ctx) => {
    if (!v.registrationNo && !v.nationalId) ctx.addIssue({ code: "custom", path: ["registrationNo"], message: "employment.error.identityRequired" });
  });
export type EnterpriseInput = z.infer<typeof enterpriseSchema>;

const fte = () =>
  z.preprocess(
    (v) => {
      const s = toAsciiDigits(normalise(typeof v === "string" ? v : v == null ? "" : String(v))).replace(/[,٬\s]/g, "").replace("/", ".").replace("٫", ".");
      if (s === "") return 0;
      return /^\d+(\.\d{1,2})?$/.test(s) ? Number(s) : NaN;
    },
    z.number({ invalid_type_error: "error.invalidNumber" }).min(0, "error.numberTooSmall").max(100000, "error.numberTooLarge"),
  );
const count = () => z.preprocess((v) => (v == null || (typeof v === "string" && v.trim() === "") ? "0" : v), int(0, 100000));

/** The numbers of one report (manual form, CSV row, other modules). */
export const reportNumbersSchema = z.object({
  asOf: jalaliDate(),
  programme: z.enum(PROGRAMMES, { errorMap: () => ({ message: "employment.error.unknownProgramme" }) }),
  fteBaseline: fte(),
  fteNow: fte(),
  createdFullTime: count(),
  createdPartTime: count(),
  createdTempMonths: count(),
  retainedFullTime: count(),
  retainedPartTime: count(),
  retainedTempMonths: count(),
  volunteers: count(),
  women: fte(),
  priorityGroups: z.preprocess(
    (v) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? v.split(/[;|،,]\s*/) : []).map((s) => normalise(String(s))).filter(Boolean),
    z.array(z.string().max(80)),
  ),
});

export const supersedeSchema = reportNumbersSchema.extend({ note: optionalText(1000) });

export const decisionSchema = z.object({
  ids: z.preprocess((v) => ([] as unknown[]).concat(v ?? []), z.array(int(1)).min(1, "employment.error.noneSelected")),
  decision: z.enum(["verified", "rejected"], { errorMap: () => ({ message: "error.required" }) }),
  note: optionalText(1000),
}).superRefine((v, ctx) => {
  if (v.decision === "rejected" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "employment.error.noteRequired" });
});

export const revisionSchema = z.object({
  amount: int(0, 10_000_000),
  kind: z.enum(TARGET_KINDS, { errorMap: () => ({ message: "error.required" }) }),
  revisedOn: jalaliDate(),
  note: optionalText(1000),
});

/**
 * A target share: picked from one list of counties, agencies and programmes (`share` = "dimension:code",
 * issue 11 item 10: codes were typed by hand); the service checks the code is a known, active one.
 */
export const allocationSchema = z.object({
  share: z.preprocess((v) => normalise(typeof v === "string" ? v : ""), z.string().regex(new RegExp(`^(${ALLOCATION_DIMENSIONS.join("|")}):[A-Za-z0-9_.-]{1,80}$`), "error.required")),
  amount: int(0, 10_000_000),
}).transform(({ share, amount }) => {
  const at = share.indexOf(":");
  return { dimension: share.slice(0, at) as (typeof ALLOCATION_DIMENSIONS)[number], code: share.slice(at + 1), amount };
});

export const mergeSchema = z.object({ duplicateId: int(1) });

export interface DashboardFilters {
  year: number;
  county?: string;
  agency?: string;
  programme?: string;
}

/** Dashboard filters from a URL (?year= Jalali, default the current year). */
export function filtersFrom(url: URL, currentYear: number): DashboardFilters {
  const y = Number(toAsciiDigits(url.searchParams.get("year") ?? ""));
  const pick = (k: string) => {
    const v = normalise(url.searchParams.get(k) ?? "");
    return v && /^[\w-]{1,80}$/.test(v) ? v : undefined;
  };
  return {
    year: Number.isInteger(y) && y >= 1390 && y <= 1500 ? y : currentYear,
    county: pick("county"),
    agency: pick("agency"),
    programme: pick("programme"),
  };
}

export function filtersQuery(f: DashboardFilters): string {
  const p = new URLSearchParams({ year: String(f.year) });
  if (f.county) p.set("county", f.county);
  if (f.agency) p.set("agency", f.agency);
  if (f.programme) p.set("programme", f.programme);
  return p.toString();
}
