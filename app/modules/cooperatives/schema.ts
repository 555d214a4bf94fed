import { z } from "zod";
import { int, jalaliDate, optionalText, text } from "~/lib/forms";
import { isValidNationalId, normalise, normaliseMobile, normaliseNationalId, normaliseText } from "~/i18n/normalise";
import { COOP_TYPES, DOC_KINDS, MEMBER_ROLES, type MemberLine, type MemberRole } from "./rules";

// Forms of the cooperatives module. Member rows are repeated fields (memberName, memberNationalId,
// memberMobile, memberShare, memberRole), one value per row in order; a row left blank is skipped.
// A row's problem is keyed `members.<row>.<field>` (row = its place in the form), so the form shows
// it on that row and names the row in the summary. Messages are i18n keys.

export const MAX_CAPITAL = 100_000_000_000_000; // 10^14 rials
export const MAX_MEMBERS = 500;

const many = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v == null ? [] : [String(v)]);
const code = (values: readonly string[]) =>
  z.preprocess((v) => (typeof v === "string" && v !== "" ? normalise(v) : undefined), z.string().refine((s) => values.includes(s), "error.invalidChoice").optional());
const optionalCode = () => z.preprocess((v) => (typeof v === "string" && normalise(v) !== "" ? normalise(v) : undefined), z.string().max(20, "error.tooLong").regex(/^[A-Za-z0-9_-]+$/, "error.invalidChoice").optional());
const optionalInt = (min: number, max: number) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), int(min, max).optional());

/** Parses an amount typed with any digits and separators; NaN when it is not a whole number. */
export function parseAmount(raw: string): number | undefined {
  const s = normalise(raw).replace(/[,٬،\s]/g, "");
  if (s === "") return undefined;
  return /^\d+$/.test(s) ? Number(s) : NaN;
}

export interface MembersParse {
  members: MemberLine[];
  /** The form row of each member (blank rows skipped). */
  rows: number[];
  errors: Record<string, string>;
}

/** The member rows of a form: checked one by one (checksum, mobile, amount, role). */
export function parseMembers(raw: { memberName?: unknown; memberNationalId?: unknown; memberMobile?: unknown; memberShare?: unknown; memberRole?: unknown }): MembersParse {
  const names = many(raw.memberName), ids = many(raw.memberNationalId), mobiles = many(raw.memberMobile), shares = many(raw.memberShare), roles = many(raw.memberRole);
  const n = Math.max(names.length, ids.length, mobiles.length, shares.length, roles.length);
  const out: MembersParse = { members: [], rows: [], errors: {} };
  for (let i = 0; i < n; i++) {
    const name = normaliseText(names[i] ?? "").trim();
    const nid = normaliseNationalId(ids[i] ?? "");
    const mob = normalise(mobiles[i] ?? "").trim();
    const shareRaw = shares[i] ?? "";
    const role = (roles[i] ?? "").trim();
    if (!name && !nid && !mob && !normalise(shareRaw).trim()) continue; // a blank row ("add a row" leaves one)
    const key = (f: string) => `members.${i}.${f}`;
    if (!name) out.errors[key("fullName")] = "error.required";
    else if (name.length > 120) out.errors[key("fullName")] = "error.tooLong";
    if (!nid) out.errors[key("nationalId")] = "error.required";
    else if (!isValidNationalId(nid)) out.errors[key("nationalId")] = "error.invalidNationalId";
    let mobile: string | null = null;
    if (mob) {
      mobile = normaliseMobile(mob);
      if (!mobile) out.errors[key("mobile")] = "error.invalidMobile";
    }
    const share = parseAmount(shareRaw);
    if (share === undefined) out.errors[key("share")] = "error.required";
    else if (!Number.isFinite(share) || share > MAX_CAPITAL) out.errors[key("share")] = "error.invalidNumber";
    if (!(MEMBER_ROLES as readonly string[]).includes(role)) out.errors[key("role")] = role ? "error.invalidChoice" : "error.required";
    out.members.push({ fullName: name, nationalId: nid, mobile, share: Number.isFinite(share) ? share ?? 0 : 0, role: role as MemberRole });
    out.rows.push(i);
  }
  if (out.members.length > MAX_MEMBERS) out.errors.members = "coop.error.tooManyMembers";
  return out;
}

const listField = z.preprocess(many, z.array(z.string().max(400, "error.tooLong")).max(MAX_MEMBERS + 20, "coop.error.tooManyMembers"));

/**
 * The application form (draft or sent): names, type, activity, sector, county, address, capital,
 * jobs and the member rows. Draft saves accept what is missing; sending checks completeness and
 * the formation rules in the service.
 */
export const applicationSchema = z
  .object({
    name1: text(120),
    name2: optionalText(120),
    name3: optionalText(120),
    typeCode: code(COOP_TYPES),
    activity: optionalText(1000),
    sector: optionalCode(),
    isicCode: z.preprocess((v) => (typeof v === "string" && normalise(v).trim() !== "" ? normalise(v).trim() : undefined), z.string().regex(/^\d{2,4}$/, "coop.error.isic").optional()),
    county: optionalCode(),
    address: optionalText(500),
    capital: z.preprocess((v) => (typeof v === "string" ? parseAmount(v) : v), z.number({ invalid_type_error: "error.invalidNumber" }).int("error.invalidNumber").min(0, "error.numberTooSmall").max(MAX_CAPITAL, "error.numberTooLarge").optional()),
    jobsMembers: optionalInt(0, 10_000),
    jobsHires: optionalInt(0, 10_000),
    ideaId: optionalInt(1, 2_147_483_647),
    version: optionalInt(0, 2_147_483_647),
    memberName: listField,
    memberNationalId: listField,
    memberMobile: listField,
    memberShare: listField,
    memberRole: listField,
  })
  .superRefine((v, ctx) => {
    const p = parseMembers(v);
    for (const [k, message] of Object.entries(p.errors)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: k.split("."), message });
  })
  .transform((v) => {
    const p = parseMembers(v);
    const { memberName: _a, memberNationalId: _b, memberMobile: _c, memberShare: _d, memberRole: _e, ...rest } = v;
    return { ...rest, members: p.members, rows: p.rows };
  });
export type ApplicationInput = z.infer<typeof applicationSchema>;

/** Fields the application form shows messages on besides the schema's own (rules: members, roles). */
export const APPLICATION_FIELDS = ["members", "roles"] as const;

export const rulesSchema = z.object({
  minMembers: int(1, 1000),
  minCapital: z.preprocess((v) => (typeof v === "string" ? parseAmount(v) : v), z.number({ required_error: "error.required", invalid_type_error: "error.invalidNumber" }).int("error.invalidNumber").min(0, "error.numberTooSmall").max(MAX_CAPITAL, "error.numberTooLarge")),
  maxShareNum: int(1, 1000),
  maxShareDen: int(1, 1000),
  minBoard: int(0, 1000),
  minInspectors: int(0, 1000),
  allowedTypes: z.preprocess(many, z.array(z.enum(COOP_TYPES, { errorMap: () => ({ message: "error.invalidChoice" }) })).min(1, "error.required")),
  stamp: z.string().max(100).optional(),
});
export type RulesInput = z.infer<typeof rulesSchema>;

export const confirmSchema = z.object({ nationalId: z.preprocess((v) => normaliseNationalId(typeof v === "string" ? v : ""), z.string().min(1, "error.required").refine(isValidNationalId, "error.invalidNationalId")) });
export const declineSchema = z.object({ reason: text(1000) });

export const transitionSchema = z.object({
  action: z.string().min(1, "error.required").max(40),
  note: optionalText(2000),
  registrationNo: z.preprocess((v) => (typeof v === "string" && normalise(v).trim() !== "" ? normalise(v).trim() : undefined), z.string().max(40, "error.tooLong").regex(/^[A-Za-z0-9/-]+$/, "coop.error.registrationNo").optional()),
  registeredOn: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), jalaliDate().optional()),
  version: int(0, 2_147_483_647),
});
export type TransitionInput = z.infer<typeof transitionSchema>;

export const documentKindSchema = z.object({ kind: z.enum(DOC_KINDS, { errorMap: () => ({ message: "error.invalidChoice" }) }) });

// ---------------------------------------------------------------- after approval (decision 0038)

const amount = () => z.preprocess((v) => (typeof v === "string" ? parseAmount(v) : v), z.number({ required_error: "error.required", invalid_type_error: "error.invalidNumber" }).int("error.invalidNumber").min(1, "error.numberTooSmall").max(MAX_CAPITAL, "error.numberTooLarge"));
const nationalIdField = () => z.preprocess((v) => normaliseNationalId(typeof v === "string" ? v : ""), z.string().min(1, "error.required").refine(isValidNationalId, "error.invalidNationalId"));
const mobileField = () => z.preprocess((v) => (typeof v === "string" && normalise(v).trim() !== "" ? normalise(v).trim() : undefined), z.string().transform((s, ctx) => {
  const m = normaliseMobile(s);
  if (!m) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "error.invalidMobile" });
  return m ?? s;
}).optional());
const change = { effectiveOn: jalaliDate(), note: optionalText(1000), version: int(0, 2_147_483_647) };

/** A member joins a registered cooperative (buying a share). */
export const joinSchema = z.object({
  fullName: text(120), nationalId: nationalIdField(), mobile: mobileField(), share: amount(),
  role: z.enum(MEMBER_ROLES, { errorMap: () => ({ message: "error.invalidChoice" }) }), ...change,
});
export type JoinInput = z.infer<typeof joinSchema>;
/** A member leaves (their share is paid back). */
export const leaveSchema = z.object({ memberId: int(1, 2_147_483_647), ...change });
export type LeaveInput = z.infer<typeof leaveSchema>;
/** A member transfers part or all of their share to another member. */
export const transferSchema = z.object({ fromMemberId: int(1, 2_147_483_647), toMemberId: int(1, 2_147_483_647), amount: amount(), ...change });
export type TransferInput = z.infer<typeof transferSchema>;
/** The board's yearly update: the jobs of the cooperative this year. */
export const yearlySchema = z.object({ jobsMembers: int(0, 10_000), jobsHires: int(0, 10_000), note: optionalText(2000), version: int(0, 2_147_483_647) });
export type YearlyInput = z.infer<typeof yearlySchema>;
