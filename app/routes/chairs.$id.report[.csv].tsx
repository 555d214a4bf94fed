import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentJalaliYear, toJalaliInput } from "~/i18n/format";
import { getLocale } from "~/lib/locale.server";
import { makeT } from "~/i18n";
import { csvResponse } from "~/lib/csv.server";
import { idOrNotFound } from "~/lib/http";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { acceptanceRate } from "~/modules/chairs/measures";
import { yearParam } from "~/modules/chairs/schema";
import { chairReport } from "~/modules/chairs/service.server";

// The yearly chair report as CSV (UTF-8 with BOM): one section of measures (plan, actual), then
// the activities. Field names are stable English keys; labels follow the user's language.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export");
  const id = idOrNotFound(params.id);
  const r = await chairReport(actor, id, yearParam(new URL(request.url), currentJalaliYear()), { withActivities: true });
  const t = makeT(await getLocale(request));
  const goal = (m: string) => r.planVsActual.find((p) => p.measure === m)?.goal ?? "";
  const rate = acceptanceRate(r.counts);
  const rows: unknown[][] = [
    ["measure", "activities", t("chairs.m.activities"), goal("activities"), r.counts.activities],
    ["measure", "hours", t("chairs.m.hours"), "", r.counts.hours],
    ["measure", "participants", t("chairs.m.participants"), goal("participants"), r.counts.participants],
    ["measure", "women", t("chairs.m.women"), "", r.counts.women],
    ["measure", "ideas_submitted", t("chairs.m.ideasSubmitted"), goal("ideas"), r.counts.ideasSubmitted],
    ["measure", "ideas_accepted", t("chairs.m.ideasAccepted"), "", r.counts.ideasAccepted],
    ["measure", "ideas_accelerated", t("chairs.m.ideasAccelerated"), "", r.counts.ideasAccelerated],
    ["measure", "acceptance_rate", t("chairs.m.acceptanceRate"), "", rate == null ? "" : rate.toFixed(4)],
    ["measure", "startups", t("chairs.m.startups"), goal("startups"), r.counts.startups],
    ["measure", "jobs", t("chairs.m.jobs"), "", r.counts.jobs],
    ...r.activities.map((a) => ["activity", a.kind, a.title, toJalaliInput(String(a.held_on)), a.participants, a.women, Number(a.hours), a.external_ref ?? ""]),
  ];
  return csvResponse(`chair-${r.chair.id}-${r.year}.csv`, ["section", "key", "label", "goal_or_date", "value_or_participants", "women", "hours", "external_ref"], rows);
}
