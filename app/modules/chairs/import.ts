import { parse } from "csv-parse/sync";
import { normalise } from "~/i18n/normalise";
import { activitySchema, ACTIVITY_KINDS, type ActivityInput } from "./schema";

// CSV import of a term's activities (pure: parse + validate; the service checks the database).
// Columns (header row, any order, English or Persian names): external_ref, kind, title, date,
// hours, participants, women, partners. Digits Persian or Latin; dates Jalali (1403/07/15).
// Row numbers are lines of the file with the header as row 1.

export const IMPORT_COLUMNS = ["external_ref", "kind", "title", "date", "hours", "participants", "women", "partners"] as const;
type Column = (typeof IMPORT_COLUMNS)[number];
const REQUIRED: Column[] = ["external_ref", "kind", "title", "date", "hours", "participants"];

const ALIASES: Record<string, Column> = {
  "شناسه": "external_ref", "کد": "external_ref", "نوع": "kind", "عنوان": "title", "تاریخ": "date",
  "ساعت": "hours", "مدت": "hours", "شرکت‌کنندگان": "participants", "شرکت کنندگان": "participants",
  "زنان": "women", "شرکا": "partners", "همکاران": "partners",
};
const KIND_ALIASES: Record<string, string> = {
  "دوره": "course", "دوره آموزشی": "course", "کارگاه": "workshop", "بوت‌کمپ": "bootcamp", "بوت کمپ": "bootcamp",
  "مسابقه": "competition", "رقابت": "competition", "منتورینگ": "mentoring", "مشاوره": "mentoring", "جلسه منتورینگ": "mentoring",
};

/** Field names of the activity form, reported per row. */
const FIELD_OF: Record<string, Column> = {
  externalRef: "external_ref", kind: "kind", title: "title", heldOn: "date", hours: "hours", participants: "participants",
  women: "women", partners: "partners",
};

export interface RowError {
  row: number;
  field: Column | "_row";
  key: string;
}
export interface ParsedRow {
  row: number;
  data: ActivityInput & { externalRef: string };
}
export interface ParsedImport {
  fileError: string | null;
  missingColumns: string[];
  rows: ParsedRow[];
  errors: RowError[];
  total: number;
}

export const MAX_IMPORT_ROWS = 2000;

export function parseActivitiesCsv(text: string, year: number): ParsedImport {
  const empty = (fileError: string, missingColumns: string[] = []): ParsedImport => ({ fileError, missingColumns, rows: [], errors: [], total: 0 });
  if (text.includes("\uFFFD")) return empty("chairs.import.error.encoding");
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch {
    return empty("chairs.import.error.unreadable");
  }
  if (records.length === 0) return empty("chairs.import.error.empty");
  const header = records[0].map((h) => {
    const n = normalise(h).toLowerCase().replace(/\s+/g, "_");
    return (IMPORT_COLUMNS as readonly string[]).includes(n) ? (n as Column) : ALIASES[normalise(h)] ?? null;
  });
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) return empty("chairs.import.error.columns", missing);
  if (records.length - 1 > MAX_IMPORT_ROWS) return empty("chairs.import.error.tooMany");

  const rows: ParsedRow[] = [];
  const errors: RowError[] = [];
  const seenRef = new Map<string, number>();
  const seenKey = new Map<string, number>();
  for (let i = 1; i < records.length; i++) {
    const rowNo = i + 1;
    const cells: Partial<Record<Column, string>> = {};
    header.forEach((col, j) => {
      if (col) cells[col] = records[i][j] ?? "";
    });
    const kindRaw = normalise(cells.kind ?? "");
    const kind = (ACTIVITY_KINDS as readonly string[]).includes(kindRaw.toLowerCase()) ? kindRaw.toLowerCase() : KIND_ALIASES[kindRaw] ?? kindRaw;
    const result = activitySchema.safeParse({
      kind, title: cells.title, heldOn: cells.date, year: String(year), hours: cells.hours, participants: cells.participants,
      women: cells.women ?? "", partners: cells.partners ?? "", externalRef: cells.external_ref,
    });
    const rowErrors: RowError[] = [];
    if (!result.success) {
      const seen = new Set<string>();
      for (const issue of result.error.issues) {
        const field = FIELD_OF[String(issue.path[0])] ?? "_row";
        if (seen.has(field)) continue;
        seen.add(field);
        // A kind that was given but is not one of ours is not a missing value (issue 11 item 10).
        const key = field === "kind" && kindRaw ? "error.chairs.unknownKind" : issue.message.startsWith("error.") || issue.message.startsWith("chairs.") ? issue.message : "error.invalidChoice";
        rowErrors.push({ row: rowNo, field, key });
      }
    } else if (!result.data.externalRef) {
      rowErrors.push({ row: rowNo, field: "external_ref", key: "error.required" });
    } else {
      const d = result.data;
      const ref = d.externalRef!;
      const key = `${d.kind}|${d.heldOn}|${d.title.toLowerCase()}`;
      if (seenRef.has(ref)) rowErrors.push({ row: rowNo, field: "external_ref", key: "chairs.import.error.duplicateInFile" });
      else if (seenKey.has(key)) rowErrors.push({ row: rowNo, field: "_row", key: "chairs.import.error.duplicateInFile" });
      seenRef.set(ref, rowNo);
      seenKey.set(key, rowNo);
      if (!rowErrors.length) rows.push({ row: rowNo, data: { ...d, externalRef: ref } });
    }
    errors.push(...rowErrors);
  }
  return { fileError: null, missingColumns: [], rows, errors, total: records.length - 1 };
}

/** The dedupe key of an activity (mirrors the unique index chair_activities_dedupe). */
export const activityKey = (a: { kind: string; heldOn: string; title: string }) => `${a.kind}|${a.heldOn}|${a.title.toLowerCase()}`;
