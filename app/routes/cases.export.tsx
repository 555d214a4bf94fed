import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { getT } from "~/lib/locale.server";
import { limitHeavy } from "~/lib/heavy-limit.server";
import { requireUser } from "~/modules/accounts/actor.server";
import { filtersFrom } from "~/modules/cases/schema";
import { exportCases } from "~/modules/cases/service.server";

// CSV of the filtered case list with hours and outcomes (UTF-8 with BOM, streamed).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await limitHeavy(request, actor, "export");
  const t = await getT(request);
  const rows = await exportCases(actor, filtersFrom(new URL(request.url)));
  const header = [
    "id", t("cases.field.firmName"), t("cases.field.kind"), t("cases.field.status"), t("cases.field.county"), t("cases.field.sector"),
    t("cases.field.leadMentor"), t("cases.field.baselineEmployees"), t("cases.outcome.employeesNow"), t("cases.outcome.jobsCreated"),
    t("cases.outcome.jobsRetained"), t("cases.outcome.revenue"), t("cases.outcome.funding"), "hours", "created_at",
  ];
  async function* lines() {
    for await (const r of rows) {
      yield [
        r.id, r.firm_name, r.kind, r.status, r.county_code, r.sector_code, r.lead_mentor_name, r.baseline_employees, r.employees_now,
        r.jobs_created, r.jobs_retained, r.revenue_rials, r.funding_rials, Math.round(((r.minutes ?? 0) / 60) * 100) / 100, r.created_at,
      ];
    }
  }
  return csvResponse("cases.csv", header, lines());
}
