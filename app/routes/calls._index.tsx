import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate } from "~/i18n/format";
import { listOpenCalls } from "~/modules/ideas/calls.server";
import { CallScope } from "~/modules/ideas/components/CallScope";
import { Card, EmptyState, PageTitle } from "~/ui/Page";


export async function loader(_: LoaderFunctionArgs) {
  return { calls: await listOpenCalls() };
}

export default function Calls() {
  const t = useT();
  const locale = useLocale();
  const { calls } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-4xl">
      <PageTitle>{t("calls.title")}</PageTitle>
      {calls.length === 0 ? (
        <EmptyState>{t("calls.empty")}</EmptyState>
      ) : (
        calls.map((c) => (
          <Card key={c.id}>
            <h2 className="text-lg font-semibold"><Link to={`/calls/${c.id}`}>{c.title}</Link></h2>
            {c.theme && <p>{t("calls.theme")}: {c.theme}</p>}
            <CallScope sectors={c.sectors} counties={c.counties} className="text-sm" />
            <p className="text-sm text-slate-700">
              {c.standing ? t("calls.standing") : `${t("calls.opens")}: ${formatDate(locale, c.opens_on)} — ${t("calls.closes")}: ${formatDate(locale, c.closes_on)}`}
            </p>
          </Card>
        ))
      )}
    </div>
  );
}
