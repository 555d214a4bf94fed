import { z } from "zod";
import { checkbox, int, jalaliDate, optionalText, text } from "~/lib/forms";
import { parseId } from "~/lib/ids";
import { normalise, toAsciiDigits } from "~/i18n/normalise";
import { jalaliYearRange } from "~/i18n/format";

// Forms of the chairs module (issue 6). Messages are i18n keys.

export const CHAIR_STATUSES = ["proposed", "active", "suspended", "closed"] as const;
export type ChairStatus = (typeof CHAIR_STATUSES)[number];
export const HOLDER_RANKS = ["instructor", "assistant_professor", "associate_professor", "professor"] as const;
export const ACTIVITY_KINDS = ["course", "workshop", "bootcamp", "competition", "mentoring"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === "string" && v !== "" ? v : undefined), z.enum(values, { errorMap: () => ({ message: "error.required" }) }));

const optionalEmail = () =>
  z.preprocess(
    (v) => {
      const s = normalise(typeof v === "string" ? v : "").toLowerCase();
      return s === "" ? undefined : s;
    },
    z.string().max(254, "error.tooLong").email("error.invalidEmail").optional(),
  );

const optionalPhone = () =>
  z.preprocess(
    (v) => {
      const s = toAsciiDigits(normalise(typeof v === "string" ? v : "")).replace(/[\s-]/g, "");
      return s === "" ? undefined : s;
    },
    z.string().regex(/^\+?\d{8,14}$/, "error.chairs.phone").optional(),
  );

const optionalJalaliDate = () => jalaliDate().optional();

const optionalId = () =>
  z.preprocess((v) => {
    const s = toAsciiDigits(normalise(typeof v === "string" ? v : ""));
    if (s === "") return undefined;
    return /^\d+$/.test(s) ? Number(s) : NaN;
  }, z.number({ invalid_type_error: "error.invalidChoice" }).int().positive().optional());

export const chairSchema = z.object({
  universityId: optionalId(),
  title: text(200),
  field: text(200),
  holderName: text(200),
  holderRank: choice(HOLDER_RANKS),
  holderEmail: optionalEmail(),
  holderPhone: optionalPhone(),
  establishedOn: optionalJalaliDate(),
  status: choice(CHAIR_STATUSES),
  version: int(1).optional(),
});
export type ChairInput = z.infer<typeof chairSchema>;

export const planSchema = z.object({
  year: int(1390, 1500),
  goalActivities: int(0, 100000),
  goalParticipants: int(0, 10000000),
  goalIdeas: int(0, 100000),
  goalStartups: int(0, 100000),
});
export type PlanInput = z.infer<typeof planSchema>;

const hours = () =>
  z.preprocess(
    (v) => {
      const s = toAsciiDigits(normalise(typeof v === "string" ? v : v == null ? "" : String(v))).replace(/[٫/]/g, ".").trim();
      if (s === "") return undefined;
      return /^-?\d+(\.\d)?$/.test(s) ? Number(s) : NaN;
    },
    z.number({ required_error: "error.required", invalid_type_error: "error.invalidNumber" })
      .min(0, "error.numberTooSmall").max(2000, "error.numberTooLarge"),
  );

/** An activity: `year` is the Jalali year the date must fall in (the chair's plan year being logged). */
export const activitySchema = z
  .object({
    kind: choice(ACTIVITY_KINDS),
    title: text(200),
    heldOn: jalaliDate(),
    year: int(1390, 1500),
    hours: hours(),
    participants: int(-1_000_000, 1_000_000),
    women: int(-1_000_000, 1_000_000).default(0),
    partners: optionalText(500),
    externalRef: optionalText(100),
  })
  .superRefine((v, ctx) => {
    // Zod runs this even when a field failed: a year out of range already has its message (and
    // jalaali-js throws on it), a missing date has its own.
    const yearOk = Number.isInteger(v.year) && v.year >= 1390 && v.year <= 1500;
    const { start, end } = yearOk ? jalaliYearRange(v.year) : { start: "", end: "" };
    if (yearOk && typeof v.heldOn === "string" && (v.heldOn < start || v.heldOn > end)) ctx.addIssue({ code: "custom", path: ["heldOn"], message: "error.chairs.dateOutsideYear" });
    if (v.participants < 0) ctx.addIssue({ code: "custom", path: ["participants"], message: "error.chairs.participantsNegative" });
    if (v.women < 0) ctx.addIssue({ code: "custom", path: ["women"], message: "error.chairs.participantsNegative" });
    else if (v.women > v.participants && v.participants >= 0) ctx.addIssue({ code: "custom", path: ["women"], message: "error.chairs.womenAboveTotal" });
  });
export type ActivityInput = z.infer<typeof activitySchema>;

export const commentSchema = z.object({ body: text(2000) });

export const importSchema = z.object({ year: int(1390, 1500), validOnly: checkbox() });

/** A query's id (`?after=`) as a positive integer, or null (route ids: `idOrNotFound`). */
export function idParam(raw: string | undefined): number | null {
  return parseId(raw);
}

/** `?year=` as a Jalali year (any digits), else the fallback. */
export function yearParam(url: URL, fallback: number): number {
  const s = toAsciiDigits(url.searchParams.get("year") ?? "").trim();
  const n = /^\d{4}$/.test(s) ? Number(s) : NaN;
  return n >= 1390 && n <= 1500 ? n : fallback;
}
