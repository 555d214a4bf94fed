import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { parseId } from "~/lib/ids";
import { getLocale } from "~/lib/locale.server";
import { publicOpportunities } from "~/modules/agenda/advantages.server";
import { AdvantageStatusBadge } from "~/modules/agenda/components/bits";
import { EmptyState, PageTitle } from "~/ui/Page";

// Public: the sector advantages agencies published (activity, counties, potential jobs, how to take
// part, the programme offering it); no names, no money, nothing unpublished or dropped.
export async function loader({ request }: LoaderFunctionArgs) {
  return publicOpportunities(await getLocale(request), parseId(new URL(request.url).searchParams.get("after")));
}

export default function Opportunities() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle>{t("agenda.opportunities.title")}</PageTitle>
      <p className="mb-4">{t("agenda.opportunities.intro")}</p>
      {d.rows.length === 0 ? <EmptyState>{t("agenda.opportunities.empty")}</EmptyState> : (
        <ul className="grid gap-4 md:grid-cols-2" data-testid="opportunities">
          {d.rows.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-300 bg-white p-4">
              <h2 className="text-lg font-semibold">{r.activity}</h2>
              <p className="text-sm text-slate-700">{r.agency} · {r.sector}</p>
              <p className="mt-2">{t("agenda.opportunities.where", { counties: r.counties.join("، "), area: t(`agenda.advantage.area.${r.area}`) })}</p>
              <p className="mt-1">{t("agenda.opportunities.jobs", { jobs: formatNumber(locale, r.potential_jobs, 2) })}</p>
              <p className="mt-1 flex flex-wrap items-center gap-2"><AdvantageStatusBadge status={r.status} /> {t(`agenda.advantage.programme.${r.programme_kind}`)}</p>
              {r.programme && <p className="mt-1"><Link to={r.programme.link} className="underline">{r.programme.title}</Link></p>}
              {r.how_to_join && <p className="mt-2"><strong>{t("agenda.advantage.field.howToJoin")}:</strong> {r.how_to_join}</p>}
            </li>
          ))}
        </ul>
      )}
      {d.next && <Link className="mt-4 inline-flex min-h-11 items-center underline" to={`?after=${d.next}`}>{t("common.next")}</Link>}
    </div>
  );
}
