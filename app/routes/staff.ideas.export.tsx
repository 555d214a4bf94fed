import type { LoaderFunctionArgs } from "@remix-run/node";
import { tehranDate } from "~/i18n/clock";
import { toJalaliInput } from "~/i18n/format";
import { csvResponse, keysetRows } from "~/lib/csv.server";
import { getLocale, getT } from "~/lib/locale.server";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { queueFilters } from "~/modules/ideas/filters";
import { queuePages, reviewExport } from "~/modules/ideas/queue.server";
import { referenceEntries } from "~/modules/reference/service.server";

/** A timestamp as the Jalali date of Tehran's day (ASCII digits: a spreadsheet reads them). */
const jalaliDay = (at: Date | string | null | undefined) => (at ? toJalaliInput(tehranDate(at)) : "");

// CSV of the filtered staff queue, with review counts, weighted average and spread; `?table=reviews`:
// one row per review with each criterion's score (issue 11 item 6). Counties and sectors by name in the
// reader's language, dates Jalali in Tehran time.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export");
  const url = new URL(request.url);
  const filters = queueFilters(url.searchParams);
  const t = await getT(request);
  const locale = await getLocale(request);
  const [counties, sectors] = await Promise.all([referenceEntries("counties"), referenceEntries("sectors")]);
  const nameOf = (list: typeof counties) => {
    const m = new Map(list.map((e) => [e.code, locale === "fa" ? e.name_fa : e.name_en]));
    return (code: string | null) => (code ? m.get(code) ?? code : "");
  };
  const county = nameOf(counties);
  const sector = nameOf(sectors);

  if (url.searchParams.get("table") === "reviews") {
    const { labels, rows } = await reviewExport(actor, filters);
    const header = [
      "id", t("ideas.field.title"), t("ideas.call"), t("ideas.reviewer"), t("common.status"), t("ideas.col.assigned"), t("ideas.col.reviewed"),
      ...labels, t("ideas.weighted"), t("ideas.recommendation"), t("ideas.commentsToApplicant"),
    ];
    async function* lines() {
      for await (const { idea, review: r, scores } of rows) {
        yield [
          idea.id, idea.title, idea.callTitle, r.reviewerName ?? t("ideas.reviewerHidden"), t(`ideas.reviewStatus.${r.status}`), jalaliDay(r.assigned_at), jalaliDay(r.submitted_at),
          ...labels.map((l) => (!scores.has(l) ? "" : scores.get(l) == null ? t("ideas.score.na") : scores.get(l))),
          r.weighted_score ?? "", r.recommendation ? t(`ideas.rec.${r.recommendation}`) : "", r.comments ?? "",
        ];
      }
    }
    return csvResponse("idea-reviews.csv", header, lines());
  }

  const fetchPage = await queuePages(actor, filters);
  const header = [
    "id", t("ideas.field.title"), t("common.status"), t("ideas.acceptedPath"), t("ideas.call"), t("ideas.field.county"), t("ideas.field.sector"),
    t("ideas.field.stage"), t("ideas.field.expectedJobs"), t("ideas.field.fundingRials"), t("ideas.col.submitted"),
    t("ideas.reviewStatus.done"), t("ideas.reviewStatus.pending"), t("ideas.overdue"), t("ideas.weighted"), t("ideas.spread"),
  ];
  type Row = Awaited<ReturnType<typeof fetchPage>>["rows"][number];
  const rows = keysetRows<Row, number>(fetchPage, (r) => [
    r.id, r.title, t(`ideas.status.${r.status}`), r.accepted_path ? t(`ideas.path.${r.accepted_path}`) : "", r.callTitle, county(r.county_code), sector(r.sector_code),
    r.stage ? t(`ideas.stage.${r.stage}`) : "", r.expected_jobs ?? "", r.funding_rials ?? "", jalaliDay(r.submitted_at),
    r.doneCount ?? 0, r.pendingCount ?? 0, r.overdueCount ?? 0, r.avgScore ?? "", r.spread ?? "",
  ]);
  return csvResponse("ideas.csv", header, rows);
}
