import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { requireUser } from "~/modules/accounts/actor.server";
import { loadDashboardPage } from "~/modules/employment/http.server";
import { requireDashboardReader } from "~/modules/employment/service.server";
import { Breakdowns, CountingRules, Filters, Headline, StaffLinks } from "~/modules/employment/components/DashboardView";
import { PageTitle } from "~/ui/Page";
import { getLocale } from "~/lib/locale.server";
import { blockedJobs } from "~/modules/agenda/board.server";
import { BlockedJobs } from "~/modules/agenda/components/BlockedJobs";
import { PrintButton } from "~/ui/PrintButton";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  await requireDashboardReader(actor);
  const locale = await getLocale(request);
  const page = await loadDashboardPage(request, locale);
  // The agencies' agenda: jobs held up by open obstacles, beside the ledger's numbers (never added to them).
  return { ...page, blocked: await blockedJobs(page.d.filters, locale) };
}

export default function EmploymentDashboard() {
  const t = useT();
  const locale = useLocale();
  const { d, options, years, blocked } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle actions={<PrintButton />}>{t("employment.dashboard.title")}</PageTitle>
      <StaffLinks />
      <Filters d={d} options={options} years={years} action="/employment/dashboard" />
      {d.warnings.map((w) => (
        <p key={w.dimension} role="status" className="mb-4 rounded-md border border-amber-400 bg-amber-50 p-3 text-amber-900">
          {t("employment.warning.allocations", { dimension: t(`employment.dimension.${w.dimension}`), sum: formatNumber(locale, w.sum), target: formatNumber(locale, w.target) })}
        </p>
      ))}
      <Headline d={d} />
      <BlockedJobs data={blocked} staff />
      <Breakdowns d={d} exportBase="/employment/export" />
      <CountingRules />
    </div>
  );
}
