import { z } from "zod";
import { checkbox, email, int, jalaliDate, mobile, nationalId, optionalText, text } from "~/lib/forms";
import { normalise, toAsciiDigits } from "~/i18n/normalise";

// Forms of the micro and home businesses registry (issue 16). Messages are i18n keys. Rules that need
// today's date or several fields at once are in rules.ts (businessProblems), checked by the service.

export const AREAS = ["urban", "rural"] as const;
export const GENDERS = ["female", "male"] as const;
export const SALES_CHANNELS = ["direct", "shop", "online", "exhibition", "wholesale", "contract"] as const;
export const OWNER_MODES = ["full_time", "part_time", "seasonal"] as const;
export const SUPPORT_KINDS = ["training", "loan", "marketing", "booth", "equipment"] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];
export const LOAN_SOURCES = ["relief_committee", "welfare", "home_business_fund", "rural_fund", "bank", "other"] as const;

export const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === "string" && v !== "" ? v : undefined), z.enum(values, { errorMap: () => ({ message: "error.required" }) }));

/** A Jalali date field that may stay empty ("" -> undefined). */
export const optionalDate = () =>
  z.preprocess((v) => (typeof v === "string" && normalise(v) === "" ? undefined : v), jalaliDate().optional());

/** A reference-list code (county, sector...), checked against the list by the service. */
export const code = () => z.preprocess((v) => normalise(typeof v === "string" ? v : ""), z.string().min(1, "error.required").max(80, "error.tooLong"));

const count = (max = 500) => z.preprocess((v) => (v == null || (typeof v === "string" && v.trim() === "") ? "0" : v), int(0, max));
const months = () => z.preprocess((v) => (v == null || (typeof v === "string" && v.trim() === "") ? "0" : v), int(0, 12));

const isicClass = () =>
  z.preprocess((v) => {
    const s = toAsciiDigits(normalise(typeof v === "string" ? v : "")).replace(/\s/g, "");
    return s === "" ? undefined : s;
  }, z.string().regex(/^\d{4}$/, "micro.error.isic").optional());

// A permit number doubles as the ledger enterprise's registration number, so it has that format.
const permitNumber = () =>
  z.preprocess((v) => {
    const s = toAsciiDigits(normalise(typeof v === "string" ? v : "")).replace(/\s/g, "");
    return s === "" ? undefined : s;
  }, z.string().regex(/^[0-9A-Za-z-]{1,20}$/, "micro.error.permitNumber").optional());

const channels = () =>
  z.preprocess(
    (v) => ([] as unknown[]).concat(v ?? []).filter((x) => typeof x === "string" && x !== ""),
    z.array(z.enum(SALES_CHANNELS, { errorMap: () => ({ message: "error.invalidChoice" }) })).max(SALES_CHANNELS.length),
  );

/** Who works in the business (one fixed grid: owner, family, hired; no "add a row" needed). */
export const workersShape = {
  ownerMode: choice(OWNER_MODES),
  ownerMonths: months(),
  familyFullTime: count(),
  familyPartTime: count(),
  familySeasonal: count(),
  familyMonths: months(),
  hiredFullTime: count(),
  hiredPartTime: count(),
  hiredSeasonal: count(),
  hiredMonths: months(),
  women: count(2000),
};
export const workersSchema = z.object({ ...workersShape, version: int(1) });
export type WorkersInput = z.infer<z.ZodObject<typeof workersShape>>;

const permitShape = {
  permitStatus: choice(["none", "applied", "issued"] as const),
  permitNumber: permitNumber(),
  permitAppliedOn: optionalDate(),
  permitIssuedOn: optionalDate(),
  permitExpiresOn: optionalDate(),
};
export const permitSchema = z.object({ ...permitShape, version: int(1) });
export type PermitInput = z.infer<z.ZodObject<typeof permitShape>>;

const detailsShape = {
  name: text(200),
  ownerName: text(200),
  ownerNationalId: nationalId(),
  ownerGender: choice(GENDERS),
  ownerMobile: mobile(),
  sector: code(),
  isicCode: isicClass(),
  activity: text(500),
  county: code(),
  area: choice(AREAS),
  address: text(500),
  startedOn: jalaliDate(),
  homeBased: checkbox(),
  salesChannels: channels(),
};

/** Registration: details, permit and the first workers grid. Staff may link the owner's account by email. */
export const registerSchema = z.object({
  ...detailsShape,
  ...permitShape,
  ...workersShape,
  ownerEmail: z.preprocess((v) => (typeof v === "string" && normalise(v) === "" ? undefined : v), email().optional()),
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const detailsSchema = z.object({ ...detailsShape, version: int(1) });
export type DetailsInput = z.infer<z.ZodObject<typeof detailsShape>>;

export const supportSchema = z.object({
  kind: choice(SUPPORT_KINDS),
  receivedOn: jalaliDate(),
  description: optionalText(1000),
  loanAmount: z.preprocess((v) => (typeof v === "string" && normalise(v) === "" ? undefined : v), int(1, 1_000_000_000_000).optional()),
  loanSource: z.preprocess((v) => (typeof v === "string" && v !== "" ? v : undefined), z.enum(LOAN_SOURCES, { errorMap: () => ({ message: "error.invalidChoice" }) }).optional()),
});
export type SupportInput = z.infer<typeof supportSchema>;

/** Filters of the staff list, from the URL (unknown values are dropped, never an error). */
export interface RegistryFilters {
  county?: string;
  sector?: string;
  permit?: "none" | "applied" | "issued" | "expired";
  support?: SupportKind;
  women?: boolean;
  rural?: boolean;
  q?: string;
}

export function filtersFrom(url: URL): RegistryFilters {
  const p = url.searchParams;
  const codeOf = (k: string) => {
    const v = normalise(p.get(k) ?? "");
    return v && /^[\w-]{1,80}$/.test(v) ? v : undefined;
  };
  const permit = p.get("permit");
  const support = p.get("support");
  const q = normalise(p.get("q") ?? "").slice(0, 100);
  return {
    county: codeOf("county"),
    sector: codeOf("sector"),
    permit: (["none", "applied", "issued", "expired"] as const).find((s) => s === permit),
    support: SUPPORT_KINDS.find((s) => s === support),
    women: p.get("women") === "1" || undefined,
    rural: p.get("rural") === "1" || undefined,
    q: q || undefined,
  };
}

export function filtersQuery(f: RegistryFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of ["county", "sector", "permit", "support", "q"] as const) if (f[k]) p.set(k, String(f[k]));
  if (f.women) p.set("women", "1");
  if (f.rural) p.set("rural", "1");
  return p;
}
