import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { idOrNotFound } from "~/lib/http";
import { requireUser } from "~/modules/accounts/actor.server";
import { HowBuilt, MatchParts } from "~/modules/seekers/components/Match";
import { seekerMatches } from "~/modules/seekers/matches.server";
import { EmptyState, PageTitle } from "~/ui/Page";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, context);
  const page = Math.min(19, Math.max(0, Number(new URL(request.url).searchParams.get("page")) || 0));
  return seekerMatches(actor, idOrNotFound(params.id), page);
}

export default function SeekerMatches() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageTitle>{t("seekers.matches.forSeeker", { name: d.seeker.name })}</PageTitle>
      <p className="mb-2"><Link to={`/seekers/${d.seeker.id}`}>{t("seekers.matches.backSeeker")}</Link></p>
      <HowBuilt weights={d.weights} />
      {d.rows.length === 0 ? <EmptyState>{t("seekers.matches.noneVacancies")}</EmptyState> : (
        <ol className="space-y-3" data-testid="ranked-vacancies">
          {d.rows.map((r) => (
            <li key={r.id} className="rounded-md border border-slate-300 p-3">
              <p className="font-medium"><Link className="underline" to={`/vacancies/${r.id}`}>{r.title}</Link> · {locale === "fa" ? r.employer_fa : r.employer_en || r.employer_fa} · {t("seekers.matches.score", { s: formatNumber(locale, r.score / 10, 1) })}</p>
              <MatchParts facts={r.facts} weights={d.weights} />
            </li>
          ))}
        </ol>
      )}
      {d.rows.length === 10 && <p className="mt-4"><Link to={`?page=${d.page + 1}`}>{t("common.next")}</Link></p>}
    </div>
  );
}
