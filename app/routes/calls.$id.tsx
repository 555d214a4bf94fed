import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatDate, formatNumber } from "~/i18n/format";
import { idOrNotFound } from "~/lib/http";
import { getActor } from "~/modules/accounts/actor.server";
import { hasRole } from "~/modules/accounts/roles";
import { getCall } from "~/modules/ideas/calls.server";
import { CallScope } from "~/modules/ideas/components/CallScope";
import { Card, PageTitle } from "~/ui/Page";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const id = idOrNotFound(params.id);
  const actor = await getActor(request, context);
  const { call, criteria } = await getCall(actor, id);
  return { call, criteria, signedIn: !!actor.user, canApply: hasRole(actor.user, "entrepreneur") };
}

export default function CallPage() {
  const t = useT();
  const locale = useLocale();
  const { call, criteria, signedIn, canApply } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <PageTitle>{call.title}</PageTitle>
      <Card>
        {call.theme && <p className="mb-2"><strong>{t("calls.theme")}:</strong> {call.theme}</p>}
        <p className="mb-2">
          {call.standing ? t("calls.standing") : `${t("calls.opens")}: ${formatDate(locale, call.opens_on)} — ${t("calls.closes")}: ${formatDate(locale, call.closes_on)}`}
        </p>
        <CallScope sectors={call.sectors} counties={call.counties} />
        {call.description && <p className="mb-4 whitespace-pre-line">{call.description}</p>}
        <h2 className="mb-2 font-semibold">{t("calls.rubric")}</h2>
        <ul className="mb-4 list-disc ps-6">
          {criteria.map((c) => <li key={c.id}>{c.label} ({t("calls.weight", { n: formatNumber(locale, c.weight) })})</li>)}
        </ul>
        {call.accepting ? (
          canApply ? (
            <Link to={`/ideas/new?call=${call.id}`} className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 text-white">{t("calls.apply")}</Link>
          ) : !signedIn ? (
            <Link to={`/login?next=${encodeURIComponent(`/ideas/new?call=${call.id}`)}`}>{t("calls.loginToApply")}</Link>
          ) : null
        ) : (
          <p role="status">{t("calls.closed")}</p>
        )}
      </Card>
    </div>
  );
}
