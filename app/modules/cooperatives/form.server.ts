import { formFailure } from "~/lib/form-action.server";
import { typedValues } from "~/lib/forms";

// The no-JavaScript row buttons of the application form: "add a member row" and "remove row n"
// answer the same form with one row more or less and everything typed kept; nothing is saved.

const MEMBER_LISTS = ["memberName", "memberNationalId", "memberMobile", "memberShare", "memberRole"] as const;

export function rowIntent(form: FormData): ReturnType<typeof formFailure> | null {
  const intent = String(form.get("intent") ?? "");
  const remove = /^remove:(\d{1,3})$/.exec(intent);
  if (intent !== "addRow" && !remove) return null;
  const { values, lists } = typedValues(form);
  const cols = Object.fromEntries(MEMBER_LISTS.map((f) => [f, form.getAll(f).map((x) => (typeof x === "string" ? x : ""))])) as Record<string, string[]>;
  const n = Math.max(Number(values.rows) || 0, ...Object.values(cols).map((c) => c.length));
  for (const f of MEMBER_LISTS) while (cols[f].length < n) cols[f].push("");
  let rows = n;
  if (remove) {
    const i = Number(remove[1]);
    if (i < n) {
      for (const f of MEMBER_LISTS) cols[f].splice(i, 1);
      rows = n - 1;
    }
  } else {
    for (const f of MEMBER_LISTS) cols[f].push(f === "memberRole" ? "founder" : "");
    rows = n + 1;
  }
  return formFailure({ errors: {}, values: { ...values, rows: String(rows), intent: "" }, lists: { ...lists, ...cols } }, 200);
}
