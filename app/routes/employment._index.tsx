import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { filtersQuery } from "~/modules/employment/schema";
import { loadDashboardPage } from "~/modules/employment/http.server";
import { Breakdowns, CountingRules, Filters, Headline } from "~/modules/employment/components/DashboardView";
import { PageTitle } from "~/ui/Page";
import { getLocale } from "~/lib/locale.server";
import { blockedJobs } from "~/modules/agenda/board.server";
import { BlockedJobs } from "~/modules/agenda/components/BlockedJobs";


// Public page: aggregates only (no enterprise names, no personal data).
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const page = await loadDashboardPage(request, locale);
  // The agencies' agenda: jobs held up by open obstacles, beside the ledger's numbers (never added to them).
  return { ...page, blocked: await blockedJobs(page.d.filters, locale) };
}

export default function PublicEmployment() {
  const t = useT();
  const { d, options, years, blocked } = useLoaderData<typeof loader>();
  const q = filtersQuery(d.filters);
  return (
    <div>
      <PageTitle>{t("employment.public.title")}</PageTitle>
      <p className="mb-4">{t("employment.public.intro")}</p>
      <Filters d={d} options={options} years={years} action="/employment" />
      <Headline d={d} />
      <BlockedJobs data={blocked} />
      <p className="mb-6">
        <a href={`/employment.csv?${q}`} download dir="ltr" data-testid="open-data-csv">/employment.csv</a>
        {" · "}
        <a href={`/employment.json?${q}`} dir="ltr">/employment.json</a>
      </p>
      <Breakdowns d={d} exportBase="/employment.csv" />
      <CountingRules />
    </div>
  );
}
