import { searchForm } from "~/i18n/normalise";
import type { QueueFilters } from "./queries.server";
import { STAGES } from "./schema";
import { IDEA_STATUSES } from "./workflow";

const posInt = (v: string | null) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n <= 2_000_000_000 ? n : undefined;
};
const code = (v: string | null) => (v && /^[\w-]{1,64}$/.test(v) ? v : undefined);

/** Queue filters from the URL; unknown or malformed values are ignored (never a 500). */
export function queueFilters(p: URLSearchParams): QueueFilters {
  const status = p.get("status");
  const stage = p.get("stage");
  const q = searchForm(p.get("q") ?? "").slice(0, 100);
  return {
    status: status && (IDEA_STATUSES as readonly string[]).includes(status) ? status : undefined,
    callId: posInt(p.get("call")),
    county: code(p.get("county")),
    sector: code(p.get("sector")),
    stage: stage && (STAGES as readonly string[]).includes(stage) ? stage : undefined,
    reviewerId: posInt(p.get("reviewer")),
    overdue: p.get("overdue") === "1",
    q: q || undefined,
    sort: p.get("sort") === "old" ? "old" : "new",
    after: posInt(p.get("after")),
  };
}
